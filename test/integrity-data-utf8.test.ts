// Issue 19, item 7: a UTF-8 file with a few invalid bytes stays UTF-8. Each bad sequence becomes
// U+FFFD in its cell, counted per column with its rows, in every reader (the fast one on one
// thread and on two, and the reference fast-csv one) and in filtered.csv; a file that is clearly
// not UTF-8 is read as Windows-1252; a declared `input.encoding: utf-8` stops at the bad row.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readFile, writeFile } from 'node:fs/promises';
import { isUtf8 } from 'node:buffer';
import { join } from 'node:path';
import { readDataset, type ReadOptions, type ReadTrace } from '../src/data/read.ts';
import { DEFAULT_TUNING } from '../src/tuning.ts';
import { writeFilteredCsvs } from '../src/output/csv.ts';
import { ReportError } from '../src/errors.ts';
import type { Dataset } from '../src/types.ts';
import { readOptions } from './helpers/read.ts';
import { tempDir } from './helpers/tmp.ts';
import { cli, oneSentence } from './helpers/cli-run.ts';

let dir = '';
let n = 0;
const file = async (bytes: Buffer) => {
  dir ||= await tempDir('svreport-utf8-');
  const path = join(dir, `f${n++}.csv`);
  await writeFile(path, bytes);
  return path;
};

const text = (ds: Dataset, concept: 'title' | 'creator', row: number) => {
  const c = ds.text[concept]!;
  return c.codes[row] < 0 ? null : c.values[c.codes[row]];
};

// the parallel read starts its worker once the columns are known (after 1000 records), so the
// file is long enough for a split after that
const N = 2400;
const M = 1500;

/**
 * N rows `Video i 🚀,i*100,Małgosia i` (valid UTF-8 throughout), with three bad sequences:
 * - start: data row 1's title has 0xE9 for its `i` (a Latin-1 é);
 * - middle: data row M's creator has ł cut to its first byte 0xC5;
 * - end: the file ends inside an emoji (F0 9F 9A of F0 9F 9A 80), with no final line feed.
 */
function damaged(): { bytes: Buffer; offsets: number[] } {
  const parts: Buffer[] = [Buffer.from('title,views,creator\n')];
  const offsets: number[] = [];
  let at = parts[0].length;
  for (let i = 1; i <= N; i++) {
    let line = Buffer.from(`Video ${i} 🚀,${i * 100},Małgosia ${i}\n`);
    if (i === 1) line = Buffer.concat([Buffer.from('V'), Buffer.from([0xe9]), line.subarray(2)]);
    if (i === M) line = Buffer.concat([Buffer.from(`Video ${i} 🚀,${i * 100},Ma`), Buffer.from([0xc5]), Buffer.from(`gosia ${i}\n`)]);
    if (i === N) line = Buffer.concat([Buffer.from(`Video ${i} 🚀,${i * 100},Zo`), Buffer.from([0xf0, 0x9f, 0x9a])]);
    offsets.push(at);
    parts.push(line);
    at += line.length;
  }
  return { bytes: Buffer.concat(parts), offsets };
}

/** Reads with the chosen reader: the fast one on one thread, on two (split at a byte), or fast-csv. */
async function readAs(mode: 'single' | 'parallel' | 'reference', path: string, over: Partial<ReadOptions> = {}, splitAt = 0): Promise<Dataset> {
  const trace: ReadTrace = { merged: false, columnsInPlace: 0 };
  const ds = await readDataset(
    readOptions(path, mode === 'parallel' ? { ...over, parallelMinBytes: 0, parallelSplitAt: splitAt, trace } : { ...over, parallelMinBytes: Infinity }),
    { ...DEFAULT_TUNING, parser: mode === 'reference' ? 'reference' : 'fast' },
  );
  // the two-thread read really ran (a worker read the part after the split)
  if (mode === 'parallel') assert.is(trace.merged, true, 'the read was split in two');
  return ds;
}

// ---
const keep = suite('a UTF-8 file with a few bad bytes stays UTF-8');

keep('bad bytes at the start, middle and end: the exact cells and counts, one thread, two threads (split before or after the middle one), fast-csv', async () => {
  const { bytes, offsets } = damaged();
  const path = await file(bytes);
  const runs: [string, () => Promise<Dataset>][] = [
    ['single', () => readAs('single', path)],
    ['parallel, split before the middle one', () => readAs('parallel', path, {}, offsets[1200])],
    ['parallel, split after the middle one', () => readAs('parallel', path, {}, offsets[1800])],
    ['reference', () => readAs('reference', path)],
  ];
  for (const [what, read] of runs) {
    const ds = await read();
    assert.is(ds.source.encoding, 'utf-8', what);
    assert.is(ds.rows, N, what);
    assert.is(text(ds, 'title', 0), 'V\uFFFDdeo 1 🚀', what);
    assert.is(text(ds, 'title', 1), 'Video 2 🚀', what); // its neighbours untouched
    assert.is(text(ds, 'creator', M - 2), `Małgosia ${M - 1}`, what);
    assert.is(text(ds, 'creator', M - 1), `Ma\uFFFDgosia ${M}`, what);
    assert.is(text(ds, 'creator', N - 1), 'Zo\uFFFD', what);
    assert.is(ds.num.views![N - 1], N * 100, what);
    assert.equal(
      ds.source.invalidUtf8,
      { sequences: 3, firstRow: 1, cells: { title: 1, creator: 2 }, rows: { title: [1], creator: [M, N] } },
      what,
    );
    assert.equal(ds.source.rowsDropped, {}, what);
  }
});

keep('filtered.csv carries the same U+FFFD as the report, never the raw bad bytes (fast and fast-csv writers)', async () => {
  const { bytes } = damaged();
  const path = await file(bytes);
  const ds = await readAs('single', path);
  const want =
    'title,views,creator\n' +
    Array.from({ length: N }, (_, k) => {
      const i = k + 1;
      if (i === 1) return 'V\uFFFDdeo 1 🚀,100,Małgosia 1';
      if (i === M) return `Video ${M} 🚀,${M * 100},Ma\uFFFDgosia ${M}`;
      if (i === N) return `Video ${N} 🚀,${N * 100},Zo\uFFFD`;
      return `Video ${i} 🚀,${i * 100},Małgosia ${i}`;
    }).join('\n') +
    '\n';
  const rows = Uint32Array.from({ length: ds.rows }, (_, i) => i);
  for (const parser of ['fast', 'reference']) {
    const out = join(dir, `filtered-${parser}.csv`);
    await writeFilteredCsvs(ds, [{ path: out, rows }], 1 << 20, { thread: 'main' }, { ...DEFAULT_TUNING, parser: parser === 'reference' ? 'reference' : 'fast' });
    const written = await readFile(out);
    assert.ok(isUtf8(written), `${parser}: valid UTF-8`);
    assert.is(written.toString('utf8'), want, parser);
  }
});

keep('a U+FFFD written in a valid file is text: nothing counted', async () => {
  const path = await file(Buffer.from('title,views\nbroken \uFFFD upstream,5\nok,6\n'));
  for (const mode of ['single', 'reference'] as const) {
    const ds = await readAs(mode, path);
    assert.is(ds.source.encoding, 'utf-8');
    assert.is(text(ds, 'title', 0), 'broken \uFFFD upstream');
    assert.is(ds.source.invalidUtf8, undefined, mode);
  }
});

keep('a bad byte in the header is named as the header row', async () => {
  const path = await file(Buffer.concat([Buffer.from('ti'), Buffer.from([0xff]), Buffer.from('le,views\nCafé 🚀,5\nÜber,6\n')]));
  const ds = await readAs('single', path);
  assert.is(ds.source.encoding, 'utf-8');
  assert.equal(ds.source.header, ['ti\uFFFDle', 'views']);
  assert.equal(ds.source.invalidUtf8, { sequences: 1, firstRow: 0, cells: {}, rows: {} });
});

keep('the CLI: exit 0, metrics.json input.invalidUtf8, the explorer table, a warning in the log, validate --json', async () => {
  const path = await file(damaged().bytes);
  const out = join(dir, 'out');
  const r = await cli(['build', '--input', path, '--format', 'html,json,csv', '--out', out], dir, { SOURCE_DATE_EPOCH: '1767225600' });
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stderr, /warning: 3 byte sequence\(s\) not valid UTF-8 were read as U\+FFFD \(\uFFFD\): "title" 1 \(data row 1\); "creator" 2 \(data row 1500, 2400\)/);
  const m = JSON.parse(await readFile(join(out, 'report', 'metrics.json'), 'utf8'));
  assert.equal(m.input.invalidUtf8, { sequences: 3, firstRow: 1, cells: { title: 1, creator: 2 }, rows: { title: [1], creator: [M, N] } });
  const html = await readFile(join(out, 'report', 'report.html'), 'utf8');
  assert.match(html, /Cells with bytes that were not valid UTF-8, shown as \uFFFD \(3 in all\)/);
  assert.ok((await readFile(join(out, 'report', 'filtered.csv'), 'utf8')).includes('V\uFFFDdeo 1 🚀,100,'));
  const v = await cli(['validate', '--input', path, '--json'], dir);
  assert.is(v.code, 0, v.stderr);
  assert.equal(JSON.parse(v.stdout).input.invalidUtf8.cells, { title: 1, creator: 2 });
  // a valid file: no such key (metrics.json as before)
  const clean = await file(Buffer.from('title,views\nZoë 🚀,5\n'));
  const r2 = await cli(['build', '--input', clean, '--format', 'json', '--out', join(dir, 'out2')], dir);
  assert.is(r2.code, 0, r2.stderr);
  assert.not.ok('invalidUtf8' in JSON.parse(await readFile(join(dir, 'out2', 'report', 'metrics.json'), 'utf8')).input);
});

keep.run();

// ---
const latin = suite('a file that is clearly not UTF-8 is read as Windows-1252');

latin('many Latin-1 high bytes, no valid multi-byte sequence: Windows-1252 in every reader, nothing replaced', async () => {
  const lines = ['title,views,creator'];
  for (let i = 1; i <= 60; i++) lines.push(`Caf\u00e9 ${i} \u20ac5,${i},M\u00fcller`);
  // Windows-1252 bytes: é 0xE9, ü 0xFC, € 0x80 (not Latin-1, so mapped by hand)
  const all = lines.join('\n') + '\n';
  const cp = Buffer.from(Array.from(all, (ch) => (ch === '\u20ac' ? 0x80 : ch.charCodeAt(0))));
  const path = await file(cp);
  for (const mode of ['single', 'reference'] as const) {
    const ds = await readAs(mode, path);
    assert.is(ds.source.encoding, 'windows-1252', mode);
    assert.is(text(ds, 'title', 59), 'Café 60 €5', mode);
    assert.is(text(ds, 'creator', 0), 'Müller', mode);
    assert.is(ds.source.invalidUtf8, undefined, mode);
  }
});

latin('a UTF-8 head and Latin-1 bytes only after it (a concatenation): the Latin-1 majority wins', async () => {
  const head = 'title,views\n' + 'abc,1\n'.repeat(12000) + 'Zoë,2\n';
  const tail = Buffer.from('Caf\u00e9,3\n'.repeat(5), 'latin1');
  const path = await file(Buffer.concat([Buffer.from(head), tail]));
  const ds = await readAs('single', path);
  assert.is(ds.source.encoding, 'windows-1252'); // 5 bad sequences against 1 valid character
  assert.is(text(ds, 'title', ds.rows - 1), 'Café');
});

latin.run();

// ---
const strict = suite('input.encoding: utf-8 declared: an invalid byte stops the run');

strict('exit 3 naming the data row and column, in the first part or the second, on one thread or two', async () => {
  const { bytes, offsets } = damaged();
  const path = await file(bytes);
  for (const [mode, split] of [['single', 0], ['parallel', offsets[1200]], ['reference', 0]] as const) {
    try {
      await readAs(mode, path, { encoding: 'utf-8' }, split);
      assert.unreachable(mode);
    } catch (err) {
      assert.instance(err, ReportError, mode);
      assert.is((err as ReportError).exitCode, 3);
      assert.match((err as Error).message, /: data row 1 \(column "title"\) holds bytes that are not valid UTF-8, and input\.encoding is utf-8; /, mode);
    }
  }
  // only the middle one, which the worker reads when split before it
  const onlyMiddle = Buffer.from(bytes);
  onlyMiddle[offsets[0] + 1] = 0x69; // 'i' back
  const cut = onlyMiddle.subarray(0, offsets[N - 1]); // without the cut emoji row
  const p2 = await file(cut);
  for (const [mode, split] of [['single', 0], ['parallel', offsets[1200]]] as const) {
    try {
      await readAs(mode, p2, { encoding: 'utf-8' }, split);
      assert.unreachable(mode);
    } catch (err) {
      assert.match((err as Error).message, /: data row 1500 \(column "creator"\) holds bytes that are not valid UTF-8/, mode);
    }
  }
});

strict('a declared utf-8 file without a bad byte reads as before', async () => {
  const path = await file(Buffer.from('title,views\nZoë 🚀,5\n'));
  const ds = await readAs('single', path, { encoding: 'utf-8' });
  assert.is(text(ds, 'title', 0), 'Zoë 🚀');
  assert.is(ds.source.invalidUtf8, undefined);
});

strict('the CLI with input.encoding: utf-8 in the config: exit 3, the one sentence', async () => {
  const path = await file(damaged().bytes);
  await writeFile(join(dir, 'strict.yaml'), `input:\n  path: ${JSON.stringify(path)}\n  encoding: utf-8\n`);
  const r = await cli(['build', '--config', 'strict.yaml', '--format', 'json', '--out', join(dir, 'out3'), '--quiet'], dir);
  assert.is(r.code, 3, r.stderr);
  assert.match(oneSentence(r.stderr), /data row 1 \(column "title"\) holds bytes that are not valid UTF-8/);
});

strict.run();
