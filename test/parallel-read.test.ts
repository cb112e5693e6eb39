// The parallel read of a large UTF-8 CSV (readDataset: the main thread up to a record boundary
// near the middle, a worker thread the rest, then one merge) must give exactly the Dataset of
// the single-thread read, or exactly its error. Files stay small: the size threshold is lowered
// with parallelMinBytes, and parallelSplitAt puts the split where a case needs it.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readDataset, type ReadOptions, type ReadTrace, type ShareMargins } from '../src/data/read.ts';
import { ReportError } from '../src/errors.ts';
import type { Dataset } from '../src/types.ts';
import { mulberry32 } from './helpers/random.ts';
import { readOptions } from './helpers/read.ts';
import { tempDir } from './helpers/tmp.ts';

const test = suite('parallel read');

let dir = '';
let fileNo = 0;
test.before(async () => {
  dir = await tempDir('svreport-parallel-');
});

// ---------------------------------------------------------------------------------------------
// Comparing results

/** Deep equality that names the first difference: typed arrays byte for byte (NaN payloads too). */
function diff(a: unknown, b: unknown, path: string): string | null {
  if (ArrayBuffer.isView(a) || ArrayBuffer.isView(b)) {
    if (!ArrayBuffer.isView(a) || !ArrayBuffer.isView(b)) return `${path}: typed array vs ${typeof b}`;
    if (a.constructor !== b.constructor) return `${path}: ${a.constructor.name} vs ${b.constructor.name}`;
    const x = Buffer.from(a.buffer, a.byteOffset, a.byteLength);
    const y = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
    if (x.length !== y.length) return `${path}: ${x.length} vs ${y.length} bytes`;
    if (!x.equals(y)) {
      let i = 0;
      while (x[i] === y[i]) i++;
      const k = Math.floor(i / (a as unknown as { BYTES_PER_ELEMENT: number }).constructor.prototype.BYTES_PER_ELEMENT);
      return `${path}[${k}]: ${(a as unknown as number[])[k]} vs ${(b as unknown as number[])[k]}`;
    }
    return null;
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b)) return `${path}: array vs not`;
    if (a.length !== b.length) return `${path}: length ${a.length} vs ${b.length}`;
    for (let i = 0; i < a.length; i++) {
      const d = diff(a[i], b[i], `${path}[${i}]`);
      if (d) return d;
    }
    return null;
  }
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const ka = Object.keys(a).sort();
    const kb = Object.keys(b).sort();
    if (ka.join('\0') !== kb.join('\0')) return `${path}: keys ${ka.join(',')} vs ${kb.join(',')}`;
    for (const k of ka) {
      const d = diff((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
      if (d) return d;
    }
    return null;
  }
  return Object.is(a, b) ? null : `${path}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`;
}

type Outcome = Dataset | ReportError;

function describe(x: unknown): string {
  if (x instanceof ReportError) return `ReportError(${x.exitCode}) ${x.message}`;
  if (x instanceof Error) return `${x.constructor.name} ${x.stack}`;
  return 'a Dataset';
}

/** Asserts the same Dataset, or the same error. */
function same(got: Outcome, want: Outcome, what: string): void {
  if (want instanceof ReportError || got instanceof ReportError) {
    assert.is(describe(got), describe(want), `the same error (${what})`);
    assert.equal((got as ReportError).problems, (want as ReportError).problems);
  } else {
    const d = diff(got, want, 'ds');
    if (d) assert.unreachable(`${what} differs: ${d}`);
  }
}

async function writeCase(bytes: Buffer): Promise<string> {
  const path = join(dir, `case-${fileNo++}.csv`);
  await writeFile(path, bytes);
  return path;
}

const readOutcome = (path: string, o: Partial<ReadOptions>): Promise<Outcome> =>
  readDataset(readOptions(path, o)).catch((err: unknown) => {
    if (err instanceof ReportError) return err;
    throw err;
  });

/**
 * Reads `bytes` once on one thread and once split at `splitAt`; asserts the same outcome.
 * `inPlace`: how many columns the merge found in shared memory (for a merged read).
 */
async function compare(
  bytes: Buffer,
  splitAt: number,
  over: Partial<ReadOptions> = {},
): Promise<{ single: Outcome; merged: boolean; inPlace: number }> {
  const path = await writeCase(bytes);
  const single = await readOutcome(path, { ...over, parallelMinBytes: Infinity });
  const trace: ReadTrace = { merged: false, columnsInPlace: -1 };
  const parallel = await readOutcome(path, { ...over, parallelMinBytes: 0, parallelSplitAt: splitAt, trace });
  const merged = trace.merged;
  same(parallel, single, `parallel read (split at ${splitAt}, merged ${merged})`);
  return { single, merged, inPlace: merged ? trace.columnsInPlace : 0 };
}

/** Runs compare with the shared-memory layout's margins changed. */
const withShare = (share: Partial<ShareMargins>, bytes: Buffer, splitAt: number) => compare(bytes, splitAt, { share });

// ---------------------------------------------------------------------------------------------
// Generated files

const HEADER = ['title', 'views', 'creator', 'platform', 'publish_date', 'likes', 'hashtags', 'category', 'country', 'duration_sec', 'notes'];
const WORDS = ['alpha', 'Video', 'how to', 'café', 'naïve', '€5', '日本語', '한국어', 'emoji 🎬', '🔥🔥', 'Müller', 'x', 'tips', '=1+1', '@me', '#fyp'];

interface Spec {
  seed: number;
  rows: number;
  delimiter?: string;
  eol?: string;
  bom?: boolean;
  /** probability of a title with the delimiter, a quote or a line break (quoted) */
  tricky?: number;
  /** per-row override: cells (quoted as needed), the raw record text (without line end), or null for a generated row */
  line?: (i: number, cells: string[]) => string[] | string | null;
  /** date cell of row i (default ISO dates) */
  date?: (i: number, r: () => number) => string;
}

interface Made {
  bytes: Buffer;
  /** byte offset of each data record (index 0 = the first data record) */
  offsets: number[];
}

function makeCsv(spec: Spec): Made {
  const r = mulberry32(spec.seed);
  const d = spec.delimiter ?? ',';
  const eol = spec.eol ?? '\n';
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const quote = (v: string) =>
    v.includes(d) || v.includes('"') || v.includes('\n') || v.includes('\r') || r() < 0.05 ? '"' + v.replaceAll('"', '""') + '"' : v;
  const title = () => {
    let t = pick(WORDS) + ' ' + pick(WORDS);
    if (r() < (spec.tricky ?? 0.1)) t += pick([d, '"', '\n', '\r\n', `${d}"${d}`, '""', '\n\n']) + pick(WORDS);
    return t;
  };
  const parts: Buffer[] = [];
  const offsets: number[] = [];
  let at = 0;
  const put = (s: string) => {
    const b = Buffer.from(s, 'utf8');
    parts.push(b);
    at += b.length;
  };
  if (spec.bom) put('\ufeff');
  put(HEADER.join(d) + eol);
  for (let i = 0; i < spec.rows; i++) {
    const cells = [
      title(),
      String(Math.floor(r() * 1e6)),
      '@c' + Math.floor(r() * 300),
      pick(['TikTok', 'YouTube', 'Instagram']),
      spec.date ? spec.date(i, r) : `2025-0${1 + Math.floor(r() * 9)}-1${Math.floor(r() * 9)}`,
      String(Math.floor(r() * 5e4)),
      pick(['#a #b', '#fyp', '', '#Tips,#tricks', '#日本']),
      pick(['Comedy', 'Food', 'Tech', '']),
      pick(['US', 'DE', 'JP', 'BR', '']),
      pick(['15', '0:45', '61', '']),
      r() < 0.1 ? 'note ' + pick(WORDS) : '',
    ];
    const over = spec.line?.(i, cells) ?? cells;
    const line = typeof over === 'string' ? over : over.map(quote).join(d);
    offsets.push(at);
    put(line + eol);
  }
  return { bytes: Buffer.concat(parts), offsets };
}

const mid = (m: Made) => Math.floor(m.bytes.length / 2);

// ---------------------------------------------------------------------------------------------
// Cases

test('a plain file: the parallel read is used and gives the same Dataset', async () => {
  const m = makeCsv({ seed: 1, rows: 3000 });
  const { single, merged } = await compare(m.bytes, mid(m));
  assert.ok(merged, 'the worker part was merged');
  assert.is((single as Dataset).rows, 3000);
});

// the columns of the generated files the worker writes into shared memory: record numbers,
// views, likes, duration, five text columns, hashtag codes and offsets, day and minute
const ROW_COLUMNS = 13;

test('shared memory: the worker writes its rows where the merge finds them (no copy)', async () => {
  const m = makeCsv({ seed: 21, rows: 3000 });
  const r = await compare(m.bytes, mid(m));
  assert.ok(r.merged);
  assert.is(r.inPlace, ROW_COLUMNS, 'every row column found in place');
  assert.ok(r.inPlace > 0, 'the read counts as one that found its rows in place');
});

test('shared memory: the first part outgrows the gap left for it: the transfer path, the same Dataset', async () => {
  const m = makeCsv({ seed: 22, rows: 3000, tricky: 0.3 });
  const r = await withShare({ gap: 0.4, slack: 0 }, m.bytes, mid(m));
  assert.ok(r.merged);
  assert.is(r.inPlace, 0, 'no column in place');
});

test('shared memory: the worker runs out of room: the transfer path, the same Dataset', async () => {
  const m = makeCsv({ seed: 23, rows: 3000, tricky: 0.3 });
  const r = await withShare({ room: 0.3, slack: 0 }, m.bytes, mid(m));
  assert.ok(r.merged);
  assert.is(r.inPlace, 0, 'no column in place');
  // only the hashtag codes short of room (the sample had no hashtags to count)
  const tags = makeCsv({ seed: 24, rows: 3000, line: (i, cells) => (i < 1100 ? cells.map((c, j) => (j === 6 ? '' : c)) : null) });
  const t = await withShare({ slack: 0 }, tags.bytes, mid(tags));
  assert.ok(t.merged);
  assert.is(t.inPlace, ROW_COLUMNS - 1, 'all but the hashtag codes in place');
});

test('shared memory: rows much shorter (or longer) in the first part than in the sample and the second part', async () => {
  const short = (i: number, cells: string[]) => cells.map((c, j) => (j === 0 ? `t${i % 7}` : j === 10 ? '' : c));
  const long = (_: number, cells: string[]) => cells.map((c, j) => (j === 10 ? 'note '.repeat(40) : c));
  // a long sample, then short rows up to the split: the first part holds far more rows than estimated
  const a = makeCsv({ seed: 25, rows: 6000, line: (i, cells) => (i < 1000 || i >= 4500 ? long(i, cells) : short(i, cells)) });
  const ra = await compare(a.bytes, mid(a));
  assert.ok(ra.merged);
  assert.is(ra.inPlace, 0, 'the first part outgrew its gap');
  // a short sample and first part, long rows after the split: the worker's room is far too big (harmless)
  const b = makeCsv({ seed: 26, rows: 6000, line: (i, cells) => (i < 3000 ? short(i, cells) : long(i, cells)) });
  const rb = await compare(b.bytes, mid(b));
  assert.ok(rb.merged);
  assert.is(rb.inPlace, ROW_COLUMNS);
  // a long sample, short rows after it: the worker has far more rows than its room
  const c = makeCsv({ seed: 27, rows: 8000, line: (i, cells) => (i < 1000 ? long(i, cells) : short(i, cells)) });
  const rc = await compare(c.bytes, c.offsets[2000]);
  assert.ok(rc.merged);
});

test('quoted fields with delimiters, quotes and line breaks around the split; emoji and CJK', async () => {
  const m = makeCsv({ seed: 2, rows: 3000, tricky: 0.6 });
  for (const k of [1500, 1501, 1777]) {
    // targets inside the record, on its first line break, and just before it
    for (const delta of [0, 3, 9, 20]) {
      const { merged } = await compare(m.bytes, m.offsets[k] + delta);
      assert.ok(merged, `merged at record ${k} + ${delta}`);
    }
  }
});

test('a split target exactly inside a multi-line quoted field', async () => {
  const m = makeCsv({
    seed: 3,
    rows: 2600,
    line: (i, cells) => (i === 1500 ? ['first line\nsecond, line\n"third"\n', ...cells.slice(1)] : null),
  });
  for (const delta of [1, 12, 13, 20, 30, 36]) {
    const { merged } = await compare(m.bytes, m.offsets[1500] + delta);
    assert.ok(merged, `merged at +${delta}`);
  }
});

test('a quoted field holding many record-like lines fools the split guess: the main thread reads on', async () => {
  const inner = Array.from({ length: 90 }, (_, j) => HEADER.map((_, c) => `v${j}x${c}`).join(',')).join('\n');
  const m = makeCsv({
    seed: 4,
    rows: 2600,
    line: (i, cells) => (i === 1500 ? [inner, ...cells.slice(1)] : null),
  });
  const { merged } = await compare(m.bytes, m.offsets[1500] + 5);
  assert.not.ok(merged, 'not a record boundary: read on one thread');
});

test('stray quotes in unquoted fields before the split: an even count still splits, an odd one reads on', async () => {
  const even = makeCsv({ seed: 5, rows: 2600, line: (i, cells) => (i === 700 ? ['12" screen 5" phone', ...cells.slice(1).map((c) => c.replace(/["\n\r,]/g, ''))].join(',') : null) });
  assert.ok((await compare(even.bytes, mid(even))).merged);
  const odd = makeCsv({ seed: 6, rows: 2600, line: (i, cells) => (i === 700 ? ['a 12" screen', ...cells.slice(1).map((c) => c.replace(/["\n\r,]/g, ''))].join(',') : null) });
  await compare(odd.bytes, mid(odd));
});

test('CRLF line ends, a BOM, the semicolon delimiter', async () => {
  for (const [seed, spec] of [
    [7, { eol: '\r\n' }],
    [8, { bom: true }],
    [9, { delimiter: ';', tricky: 0.3 }],
    [10, { delimiter: '\t', eol: '\r\n', bom: true, tricky: 0.3 }],
  ] as const) {
    const m = makeCsv({ seed, rows: 2600, ...spec });
    const { single, merged } = await compare(m.bytes, mid(m));
    assert.ok(merged, `merged (${JSON.stringify(spec)})`);
    if ('bom' in spec) assert.ok((single as Dataset).source.bom);
  }
});

test('blank lines, ragged rows, bad numbers and summary rows in the second part (and at the split)', async () => {
  const m = makeCsv({
    seed: 11,
    rows: 3000,
    line: (i, cells) => {
      if (i === 1500 || i === 1501 || i === 2500) return '';
      if (i === 1502) return '   ';
      if (i % 97 === 0 && i > 1500) return cells.slice(0, 5);
      if (i % 89 === 0 && i > 1500) return [cells[0], 'lots', ...cells.slice(2)];
      if (i === 2999) return ['Total', '123', '', '', '', '', '', '', '', '', ''];
      return null;
    },
  });
  for (const k of [1499, 1500, 1501, 1502, 1503]) {
    const { single, merged } = await compare(m.bytes, m.offsets[k]);
    assert.ok(merged, `merged at ${k}`);
    const ds = single as Dataset;
    // `lots` in views: a missing cell (SPEC 2), counted, its row kept
    assert.ok(ds.source.rowsDropped.ragged > 3 && ds.source.missing!.views > 3 && ds.source.rowsDropped.summaryRow === 1);
  }
});

test('drop examples from both parts, numbered as in the file', async () => {
  const m = makeCsv({
    seed: 12,
    rows: 2600,
    line: (i, cells) => ((i === 40 || i > 1500) && i % 100 === 0 ? cells.slice(0, 3) : null),
  });
  const { single, merged } = await compare(m.bytes, mid(m));
  assert.ok(merged);
  assert.is((single as Dataset).source.dropExamples.ragged.length, 3);
});

test('ambiguous 03/04/2025 dates decided by evidence only in the second part', async () => {
  for (const late of ['25/04/2025', '04/25/2025']) {
    const m = makeCsv({
      seed: 13,
      rows: 2600,
      date: (i, r) => (i === 2400 ? late : `0${1 + Math.floor(r() * 9)}/1${Math.floor(r() * 3)}/2025`),
    });
    const { single, merged } = await compare(m.bytes, mid(m));
    assert.ok(merged);
    assert.is((single as Dataset).source.dateOrder, late.startsWith('25') ? 'DMY' : 'MDY');
  }
});

test('fewer usable rows than the type sample before the split', async () => {
  const m = makeCsv({
    seed: 14,
    rows: 2600,
    line: (i, cells) => (i < 1200 && i % 3 !== 0 ? cells.slice(0, 4) : i > 1500 && i < 1600 ? cells.map((c, j) => (j === 5 ? '2.5' : c)) : null),
  });
  const { single, merged } = await compare(m.bytes, m.offsets[1300]);
  assert.ok(merged);
  assert.ok((single as Dataset).rows < 2000);
});

test('an invalid UTF-8 byte in the second part of a UTF-8 file: the same replaced cell and count', async () => {
  const m = makeCsv({ seed: 15, rows: 2600 });
  const bytes = Buffer.from(m.bytes);
  bytes[m.offsets[2000] + 1] = 0xe9; // a Latin-1 é inside the title, among valid UTF-8 (café, 日本語, ...)
  const { single, merged } = await compare(bytes, mid(m));
  assert.ok(merged);
  const src = (single as Dataset).source;
  assert.is(src.encoding, 'utf-8');
  assert.equal(src.invalidUtf8?.cells, { title: 1 });
  assert.equal(src.invalidUtf8?.rows, { title: [2001] });
});

test('an unterminated quote in the second part: the same error and row', async () => {
  const m = makeCsv({ seed: 16, rows: 2600, line: (i, cells) => (i === 2300 ? '"never closed,' + cells.slice(1).join(',') : null) });
  const { single } = await compare(m.bytes, mid(m));
  assert.instance(single, ReportError);
  assert.match((single as ReportError).message, /data row 2301/);
});

test('a record longer than input.maxRecordBytes in the second part: the same error and row', async () => {
  const m = makeCsv({ seed: 17, rows: 2600, line: (i, cells) => (i === 2100 ? ['x'.repeat(5000), ...cells.slice(1)] : null) });
  const { single } = await compare(m.bytes, mid(m), { maxRecordBytes: 4096 });
  assert.instance(single, ReportError);
  assert.match((single as ReportError).message, /data row 2101 is longer/);
});

test('a syntax error in the first part and an invalid byte in the second: the first part wins, as today', async () => {
  const m = makeCsv({ seed: 18, rows: 2600, line: (i, cells) => (i === 1200 ? '"closed"x,' + cells.slice(1).join(',') : null) });
  const bytes = Buffer.from(m.bytes);
  bytes[m.offsets[2000] + 1] = 0xff;
  const { single } = await compare(bytes, mid(m));
  assert.instance(single, ReportError);
});

test('a split near the end (a short or empty second part)', async () => {
  const m = makeCsv({ seed: 19, rows: 2600, line: (i) => (i >= 2598 ? '' : null) });
  await compare(m.bytes, m.offsets[2590]);
  await compare(m.bytes, m.offsets[2598]);
  await compare(m.bytes, m.bytes.length - 1);
});

test('random files (seeded): the parallel read equals the single-thread read', async () => {
  let merges = 0;
  for (let k = 0; k < 24; k++) {
    const r = mulberry32(9000 + k);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
    const delimiter = pick([',', ';', '\t', '|']);
    const junk = r() * 0.02;
    const rows = 1100 + Math.floor(r() * 2500);
    const broken = k % 6 === 5 ? Math.floor(rows * (0.3 + r() * 0.7)) : -1;
    const m = makeCsv({
      seed: 100 + k,
      rows,
      delimiter,
      eol: pick(['\n', '\r\n']),
      bom: r() < 0.3,
      tricky: r() * 0.5,
      date: r() < 0.5 ? undefined : (_, rr) => `${1 + Math.floor(rr() * 28)}/${1 + Math.floor(rr() * 12)}/2025`,
      line: (i, cells) => {
        const x = r();
        if (i === broken) return '"broken' + delimiter + cells.slice(1).join(delimiter); // an unterminated quote
        if (x < junk) return cells.slice(0, 3);
        if (x < junk * 2) return pick(['', ' ', delimiter.repeat(10)]);
        if (x < junk * 3) return ['Total', ...cells.slice(1).map(() => '')];
        if (x < junk * 4) return [cells[0], 'n/a?', ...cells.slice(2)];
        if (x < junk * 5) {
          // quotes inside unquoted fields (stray quotes), mostly in pairs
          const plain = cells.slice(0, 10).map((c) => c.replaceAll(delimiter, '').replace(/["\r\n]/g, ''));
          return [...plain, r() < 0.97 ? '12" by 5" screen' : 'a 5" screen'].join(delimiter);
        }
        return null;
      },
    });
    const splitAt = Math.floor(m.bytes.length * (0.35 + r() * 0.6));
    if ((await compare(m.bytes, splitAt)).merged) merges++;
  }
  assert.ok(merges >= 12, `most random files were read in parallel (${merges})`);
});

// ---------------------------------------------------------------------------------------------
// Chunks decoded and scanned in pieces (ChunkFeeder): the outcome of taking each chunk whole

/** Reads on one thread with chunks taken whole, then in pieces of `pieceBytes`; asserts the same outcome. */
async function comparePieces(bytes: Buffer, pieceBytes: number, over: Partial<ReadOptions> = {}): Promise<Outcome> {
  const path = await writeCase(bytes);
  const whole = await readOutcome(path, { ...over, parallelMinBytes: Infinity, pieceBytes: Infinity });
  const pieces = await readOutcome(path, { ...over, parallelMinBytes: Infinity, pieceBytes });
  same(pieces, whole, `a read in pieces of ${pieceBytes} bytes`);
  return whole;
}

test('pieces: random files read in small pieces equal the read of whole chunks', async () => {
  for (let k = 0; k < 6; k++) {
    const r = mulberry32(500 + k);
    const m = makeCsv({ seed: 600 + k, rows: 1500, tricky: 0.5, delimiter: [',', ';'][k % 2], eol: ['\n', '\r\n'][k % 2], bom: k === 3 });
    await comparePieces(m.bytes, 64 + Math.floor(r() * 3000));
  }
});

test('pieces: a record too long whose end the whole chunk sees: the same message (no unterminated-quote hint)', async () => {
  // the long record is inside a quoted field at a piece end, and ends within the chunk
  const body = ('line of text, "quoted"\n').repeat(400);
  const m = makeCsv({ seed: 30, rows: 1500, line: (i, cells) => (i === 700 ? [body, ...cells.slice(1)] : null) });
  for (const piece of [1000, 4096, 32 * 1024]) {
    const out = await comparePieces(m.bytes, piece, { maxRecordBytes: 4000 });
    assert.instance(out, ReportError);
    assert.match((out as ReportError).message, /data row 701 is longer/);
  }
  // and one still open at the chunk's end (the hint)
  const open = makeCsv({ seed: 31, rows: 1500, line: (i, cells) => (i === 1499 ? '"' + 'never closed '.repeat(2000) : null) });
  const out = await comparePieces(open.bytes, 2048, { maxRecordBytes: 4000 });
  assert.match((out as ReportError).message, /unterminated quote/);
});

test('pieces: within one chunk an invalid byte wins over a syntax error, a record too long over a syntax error', async () => {
  const m = makeCsv({ seed: 32, rows: 1500, line: (i, cells) => (i === 200 ? '"closed"x,' + cells.slice(1).join(',') : i === 1200 ? ['y'.repeat(6000), ...cells.slice(1)] : null) });
  const tooLong = await comparePieces(m.bytes, 4096, { maxRecordBytes: 5000 });
  assert.match((tooLong as ReportError).message, /data row 1201 is longer/);
  const bytes = Buffer.from(m.bytes);
  bytes[m.offsets[1300] + 1] = 0xe9;
  // the invalid byte first: the whole file read again as Windows-1252, where the syntax error stops it
  const latin = await comparePieces(bytes, 4096);
  assert.instance(latin, ReportError);
  assert.match((latin as ReportError).message, /data row 201\b/);
  const latinTooLong = await comparePieces(bytes, 4096, { maxRecordBytes: 5000 });
  assert.match((latinTooLong as ReportError).message, /data row 1201 is longer/);
});

test.run();
