// The fast reader (src/data/scan.ts) against the reference (fast-csv behind the record guard):
// seeded random files with every quoting, encoding and delimiter case go through both, and every
// record (fields and record numbers), the resulting Dataset and filtered.csv must be the same.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseString } from 'fast-csv';
import { forEachCsvRecord, forEachRecordReference, readDataset, type RecordStreamOptions } from '../src/data/read.ts';
import { CsvScanner } from '../src/data/scan.ts';
import { writeFilteredCsvs } from '../src/output/csv.ts';
import { DEFAULT_TUNING, type Tuning } from '../src/tuning.ts';
import type { Dataset } from '../src/types.ts';
import { mulberry32 as rng } from './helpers/random.ts';
import { tempDir } from './helpers/tmp.ts';

const SEEDS = 120;

type Enc = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'utf-16le-nobom' | 'windows-1252';
const ENCODINGS: Enc[] = ['utf-8', 'utf-8-bom', 'utf-16le', 'utf-16be', 'utf-16le-nobom', 'windows-1252'];
const DELIMS = [',', ';', '\t', '|'];

interface Case {
  text: string;
  delimiter: string;
  encoding: Enc;
}

/** A random CSV: a views column, quoted cells with delimiters, quotes and line breaks, CRLF or LF, ragged and blank rows. */
function makeCase(seed: number): Case {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const delimiter = pick(DELIMS);
  const encoding = pick(ENCODINGS);
  const eol = r() < 0.5 ? '\n' : '\r\n';
  const latin = encoding === 'windows-1252';
  const words = ['alpha', 'Total', 'café', 'x y', ' lead', 'trail ', '', '', 'naïve', '€5', '=SUM(A1)', '@handle', '-3', '+x', '#tag #two',
    'a|b', 'Müller', 'TikTok', 'YouTube', '1,234', '2025-03-01', '03/04/2025', 'n/a', '-', '1.5K'];
  if (!latin) words.push('한국어', 'emoji 🎬', 'ünï');
  const special = [delimiter, '"', '\n', '\r\n', ',', ';', '\t', '|'];
  const cell = (col: number): string => {
    if (col === 1 && r() < 0.85) return String(Math.floor(r() * 1e6)); // views
    if (col === 4 && r() < 0.8) return `2025-0${1 + Math.floor(r() * 9)}-1${Math.floor(r() * 9)}`;
    let v = pick(words);
    if (r() < 0.25) v += pick(special) + pick(words);
    if (r() < 0.1) v = pick(special) + v;
    return v;
  };
  const quote = (v: string): string => {
    const must = v.includes(delimiter) || v.includes('"') || v.includes('\n') || v.includes('\r');
    if (!must && r() < 0.85) return v.includes('"') ? '' : v;
    const q = '"' + v.replaceAll('"', '""') + '"';
    if (r() >= 0.08) return q;
    // space around a quoted cell, which fast-csv drops: ASCII and the Unicode spaces JS \s knows
    const spaces = latin ? [' ', '\u00a0'] : [' ', '\u00a0', '\u3000', '\u2003', '\ufeff', '\u205f'];
    if (delimiter !== '\t') spaces.push('\t');
    return pick(spaces) + q + pick(spaces);
  };
  const width = 5 + Math.floor(r() * 4);
  const header = ['title', 'views', 'creator', 'platform', 'publish_date', 'likes', 'extra a', 'extra b'].slice(0, width);
  const lines = [header.join(delimiter)];
  const rows = Math.floor(r() * 40);
  for (let i = 0; i < rows; i++) {
    const x = r();
    if (x < 0.04) lines.push(''); // blank line
    else if (x < 0.06) lines.push(delimiter.repeat(width - 1)); // all empty: fast-csv skips it
    else {
      let n = width;
      if (x < 0.12) n += r() < 0.5 ? -1 : 1; // ragged
      lines.push(Array.from({ length: n }, (_, c) => quote(cell(c))).join(delimiter));
    }
  }
  const broken = r();
  if (broken < 0.04) lines.splice(1 + Math.floor(r() * (lines.length - 1)), 0, `"closed"then text${delimiter}1`); // text after a closing quote
  else if (broken < 0.08) lines.push(`"never closed${delimiter}1`);
  else if (broken < 0.12) lines.push(`stray "quote" inside${delimiter}2`); // an ordinary character in an unquoted cell
  let text = lines.join(eol);
  if (r() < 0.7) text += eol;
  return { text, delimiter, encoding };
}

function encode(c: Case): Buffer {
  switch (c.encoding) {
    case 'utf-8':
      return Buffer.from(c.text, 'utf8');
    case 'utf-8-bom':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(c.text, 'utf8')]);
    case 'utf-16le':
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(c.text, 'utf16le')]);
    case 'utf-16le-nobom':
      return Buffer.from(c.text, 'utf16le');
    case 'utf-16be': {
      const le = Buffer.from(c.text, 'utf16le');
      return Buffer.concat([Buffer.from([0xfe, 0xff]), le.swap16()]);
    }
    case 'windows-1252': {
      const map: Record<string, number> = { '€': 0x80, é: 0xe9, ï: 0xef, ü: 0xfc, Ü: 0xdc };
      return Buffer.from(Array.from(c.text, (ch) => map[ch] ?? ch.charCodeAt(0)));
    }
  }
}

let dir = '';
async function file(name: string, content: Buffer): Promise<string> {
  if (!dir) dir = await tempDir('svreport-equiv-');
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

async function records(
  read: (o: RecordStreamOptions, cb: (row: string[], n: number) => void) => Promise<void>,
  o: RecordStreamOptions,
): Promise<{ rows: [number, string[]][]; error: string | null }> {
  const rows: [number, string[]][] = [];
  try {
    await read(o, (row, n) => void rows.push([n, row]));
    return { rows, error: null };
  } catch (err) {
    return { rows: [], error: (err as Error).constructor.name };
  }
}

const streamOpts = (path: string, c: Case): RecordStreamOptions => {
  const enc = c.encoding === 'utf-8-bom' ? 'utf-8' : c.encoding === 'utf-16le-nobom' ? 'utf-16le' : c.encoding;
  const bomBytes = c.encoding === 'utf-8-bom' ? 3 : c.encoding === 'utf-16le' || c.encoding === 'utf-16be' ? 2 : 0;
  return { path, file: 'f.csv', encoding: enc, bomBytes, delimiter: c.delimiter, maxRecordBytes: 1 << 20 };
};

async function withParser<T>(which: 'reference' | 'fast', run: (tuning: Tuning) => Promise<T>): Promise<T | { error: string }> {
  try {
    return await run({ ...DEFAULT_TUNING, parser: which });
  } catch (err) {
    return { error: `${(err as Error).constructor.name}: ${(err as Error).message.replace(/(?:at or after |at )?data row \d+/, 'data row N')}` };
  }
}

const plain = (ds: Dataset) => JSON.parse(JSON.stringify(ds, (_k, v) => (ArrayBuffer.isView(v) ? Array.from(v as unknown as ArrayLike<number>) : v)));

// ---
const rec = suite('fast reader = fast-csv, record by record');
rec(`${SEEDS} seeded files: every delimiter, encoding, quoting and line ending`, async () => {
  let compared = 0;
  let errors = 0;
  for (let seed = 1; seed <= SEEDS; seed++) {
    const c = makeCase(seed);
    const path = await file(`r${seed}.csv`, encode(c));
    const o = streamOpts(path, c);
    const ref = await records(forEachRecordReference, o);
    const fast = await records((oo, cb) => forEachCsvRecord(oo, (r, n) => cb(r.toArray(), n)), o);
    assert.equal(fast, ref, `seed ${seed} (${c.encoding}, ${JSON.stringify(c.delimiter)}): ${JSON.stringify(c.text.slice(0, 300))}`);
    compared += ref.rows.length;
    if (ref.error) errors++;
  }
  assert.ok(compared > SEEDS * 10, `compared ${compared} records`);
  assert.ok(errors > 0 && errors < SEEDS / 4, `${errors} files refused by both`);
});

rec('any chunking of the text gives the records fast-csv finds in the whole text', async () => {
  for (let seed = 1; seed <= SEEDS; seed++) {
    const c = makeCase(seed + 1000);
    const expected = await new Promise<string[][] | string>((resolve) => {
      const rows: string[][] = [];
      parseString(c.text, { delimiter: c.delimiter, headers: false, ignoreEmpty: true, quote: '"', escape: '"', trim: false })
        .on('data', (row: string[]) => rows.push(row))
        .on('error', () => resolve('error'))
        .on('end', () => resolve(rows));
    });
    const r = rng(seed);
    const scanner = new CsvScanner(c.delimiter, 1 + Math.floor(r() * 12));
    const got: string[][] = [];
    const take = (x: { toArray(): string[] }) => void got.push(x.toArray());
    let result: string[][] | string = got;
    try {
      for (let i = 0; i < c.text.length; ) {
        const n = 1 + Math.floor(r() * 40);
        await scanner.feed(c.text.slice(i, i + n), false, take);
        i += n;
      }
      await scanner.end(take);
    } catch {
      result = 'error';
    }
    assert.equal(result, expected, `seed ${seed + 1000}: ${JSON.stringify(c.text.slice(0, 300))}`);
  }
});

rec('records longer than a read chunk, split across chunk boundaries', async () => {
  const big = 'x'.repeat(300_000);
  const lines = ['title,views,notes'];
  for (let i = 0; i < 12; i++) lines.push(`"t${i}, with ""quotes""\r\nand lines",${i},${i % 2 ? big : `"${big}\n${big}"`}`);
  const text = lines.join('\r\n') + '\r\n';
  const path = await file('big.csv', Buffer.from(text));
  const o: RecordStreamOptions = { path, file: 'big.csv', encoding: 'utf-8', bomBytes: 0, delimiter: ',', maxRecordBytes: 4 << 20 };
  const ref = await records(forEachRecordReference, o);
  const fast = await records((oo, cb) => forEachCsvRecord(oo, (r, n) => cb(r.toArray(), n)), o);
  assert.is(ref.rows.length, 13);
  assert.equal(fast, ref);
});

rec.run();

// ---
const ds = suite('fast reader = fast-csv: the Dataset and filtered.csv');
ds(`${SEEDS / 2} seeded files read with encoding and delimiter sniffing`, async () => {
  for (let seed = 1; seed <= SEEDS / 2; seed++) {
    const c = makeCase(seed + 2000);
    const path = await file(`d${seed}.csv`, encode(c));
    const opts = { path, encoding: 'auto', delimiter: 'auto', maxRecordBytes: 1 << 20, columns: {}, dateFormat: 'auto', timezone: 'UTC' } as const;
    const ref = await withParser('reference', async (t) => plain(await readDataset(opts, t)));
    const fast = await withParser('fast', async (t) => plain(await readDataset(opts, t)));
    assert.equal(fast, ref, `seed ${seed + 2000} (${c.encoding})`);
    if ('error' in ref) continue;
    const dataset = await readDataset(opts);
    const r = rng(seed);
    const rows = Uint32Array.from({ length: dataset.rows }, (_, i) => i).filter(() => r() < 0.7);
    const refCsv = join(dir, `ref${seed}.csv`);
    const fastCsv = join(dir, `fast${seed}.csv`);
    await withParser('reference', (t) => writeFilteredCsvs(dataset, [{ path: refCsv, rows }], 1 << 20, {}, t));
    await withParser('fast', (t) => writeFilteredCsvs(dataset, [{ path: fastCsv, rows }], 1 << 20, {}, t));
    assert.is(await readFile(fastCsv, 'utf8'), await readFile(refCsv, 'utf8'), `filtered.csv, seed ${seed + 2000}`);
  }
});

ds('invalid UTF-8 after the first read chunk restarts as Windows-1252 in both', async () => {
  const rows = ['title,views'];
  for (let i = 0; i < 40_000; i++) rows.push(`title number ${i},${i}`);
  const path = await file('late-latin.csv', Buffer.concat([Buffer.from(rows.join('\n') + '\n'), Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x2c, 0x35, 0x0a])]));
  const opts = { path, encoding: 'auto', delimiter: 'auto', maxRecordBytes: 1 << 20, columns: {}, dateFormat: 'auto', timezone: 'UTC' } as const;
  const ref = await withParser('reference', async (t) => plain(await readDataset(opts, t)));
  const fast = await withParser('fast', async (t) => plain(await readDataset(opts, t)));
  assert.equal(fast, ref);
  assert.is((fast as { source: { encoding: string } }).source.encoding, 'windows-1252');
});

ds.run();
