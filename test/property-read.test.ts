// Property tests of the reader (issue #7): a seeded generator writes random CSVs (random columns
// and order, quoting, delimiters , ; tab |, encodings utf-8 / utf-8+BOM / utf-16le / utf-16be /
// windows-1252, CRLF or LF, missing values, huge and negative numbers, ragged rows, and a few
// truly broken files) and feeds them to readDataset. Properties: nothing but a ReportError ever
// escapes; when a Dataset comes back, rowsUsable + Σ dropped = rowsRead, and for a well-formed file
// rowsRead is the number of records written, in the encoding and delimiter it was written with.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readDataset, type ReadOptions } from '../src/data/read.ts';
import { ReportError } from '../src/errors.ts';
import { mulberry32 } from './helpers/random.ts';
import { readOptions } from './helpers/read.ts';

const CASES = Number(process.env.SVREPORT_PROPERTY_CASES ?? 240);
const BASE_SEED = Number(process.env.SVREPORT_PROPERTY_SEED ?? 20250701);


type Encoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1252';
const ENCODINGS: Encoding[] = ['utf-8', 'utf-8-bom', 'utf-16le', 'utf-16be', 'windows-1252'];
const DELIMS = [',', ';', '\t', '|'] as const;
const CP1252: Record<string, number> = { '€': 0x80, '“': 0x93, '”': 0x94, '—': 0x97, 'é': 0xe9, 'ü': 0xfc, 'ß': 0xdf, 'Ä': 0xc4 };

const NUMERIC = ['views', 'likes', 'comments', 'shares', 'duration_sec'];
const TEXTUAL = ['title', 'creator', 'platform', 'category', 'hashtags', 'country'];

interface Generated {
  bytes: Buffer;
  encoding: Encoding;
  delimiter: string;
  records: number; // data records written
  wellFormed: boolean; // no deliberate corruption of the file as a whole
  hasViews: boolean;
  description: string;
}

function generate(seed: number): Generated {
  const rnd = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const chance = (p: number) => rnd() < p;
  const encoding = pick(ENCODINGS);
  const delimiter = pick(DELIMS);
  const eol = chance(0.3) ? '\r\n' : '\n';
  const nonAscii = encoding === 'windows-1252' ? Object.keys(CP1252) : ['é', '€', '日本', '🎉', 'ü', 'Ä', 'привет'];

  const hasViews = chance(0.9);
  const columns = [...(hasViews ? ['views'] : []), 'publish_date'];
  for (const c of [...NUMERIC.slice(1), ...TEXTUAL]) if (chance(0.6)) columns.push(c);
  if (chance(0.2)) columns.push('notes');
  if (chance(0.1)) columns.push('__proto__');
  if (chance(0.1)) columns.push('constructor');
  if (chance(0.1)) columns.push(pick(columns)); // a duplicate header
  if (chance(0.05)) columns.push(''); // an empty header cell
  // shuffle
  for (let i = columns.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [columns[i], columns[j]] = [columns[j], columns[i]];
  }

  const text = (): string => {
    const parts: string[] = [];
    const n = 1 + Math.floor(rnd() * 5);
    for (let i = 0; i < n; i++) {
      parts.push(pick(['word', 'Video', 'x', ' ', '"', ',', ';', '|', '\t', '\n', "'", '#tag', '=1+1', '-', '@me', ...nonAscii]));
    }
    return parts.join('');
  };
  const number = (): string =>
    pick([
      String(Math.floor(rnd() * 1e6)),
      String(-Math.floor(rnd() * 1e6)),
      '0',
      '1e25',
      '99999999999999999999999',
      '1e309',
      '-1e309',
      '12.5',
      '1.2K',
      '3.4M',
      '18,400',
      '12%',
      '0:45',
      ' 42 ',
      '',
      '',
      'N/A',
      'abc',
      '-0',
      'NaN',
      'Infinity',
      '1,2,3',
      '٣٤',
    ]);
  const date = (): string =>
    pick([
      '2025-01-02',
      '2025-03-04T10:11:12Z',
      '2025-03-04 23:59:59+05:30',
      '02.01.2025',
      '01/02/2025',
      '13/02/2025',
      '1735800000',
      '1735800000000',
      '',
      'garbage',
      '2025-13-45',
      '0000-00-00',
      '99999999999999999',
    ]);
  const cell = (col: string): string =>
    col === 'publish_date' ? date() : NUMERIC.includes(col) || col === 'views' ? number() : chance(0.01) ? 'long '.repeat(20_000) : text();
  const quote = (s: string): string => {
    const must = s.includes(delimiter) || s.includes('"') || s.includes('\n') || s.includes('\r');
    return must || chance(0.15) ? `"${s.replaceAll('"', '""')}"` : s;
  };

  const records = Math.floor(rnd() * 60);
  const lines: string[] = [columns.map(quote).join(delimiter)];
  for (let r = 0; r < records; r++) {
    let row = columns.map(cell);
    if (chance(0.08)) row = row.slice(0, Math.max(1, row.length - 1 - Math.floor(rnd() * 2))); // too few
    else if (chance(0.08)) row = [...row, 'extra', cell('title')]; // too many
    let line = row.map(quote).join(delimiter);
    // a record that is empty as text is skipped by the parser: keep every record non-empty
    if (line === '') line = '""';
    lines.push(line);
  }
  let body = lines.join(eol) + (chance(0.8) ? eol : '');

  let wellFormed = true;
  const broken: string[] = [];
  if (chance(0.05)) {
    body = body.replace(eol, eol + '"unterminated' + delimiter);
    wellFormed = false;
    broken.push('unterminated quote');
  }
  if (chance(0.04)) {
    body = body + '\0\0\u0001\u0002' + delimiter;
    wellFormed = false;
    broken.push('control bytes');
  }

  let bytes: Buffer;
  if (encoding === 'utf-8') bytes = Buffer.from(body, 'utf8');
  else if (encoding === 'utf-8-bom') bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(body, 'utf8')]);
  else if (encoding === 'utf-16le') bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(body, 'utf16le')]);
  else if (encoding === 'utf-16be') {
    bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(body, 'utf16le')]);
    bytes.swap16();
  } else bytes = Buffer.from([...body].map((ch) => CP1252[ch] ?? ch.charCodeAt(0)));

  if (chance(0.03)) {
    // random garbage in the middle of the file
    const junk = Buffer.alloc(64);
    for (let i = 0; i < junk.length; i++) junk[i] = Math.floor(rnd() * 256);
    const at = Math.floor(bytes.length / 2) & ~1;
    bytes = Buffer.concat([bytes.subarray(0, at), junk, bytes.subarray(at)]);
    wellFormed = false;
    broken.push('garbage bytes');
  }
  const description = `seed ${seed}: ${encoding}, delimiter ${JSON.stringify(delimiter)}, ${records} records, columns ${columns.join('|')}${broken.length ? `, ${broken.join(', ')}` : ''}`;
  return { bytes, encoding, delimiter, records, wellFormed, hasViews, description };
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'svreport-property-read-'));

const options = (file: string, over: Partial<ReadOptions> = {}): ReadOptions => readOptions(file, { displayPath: path.basename(file), ...over });

const property = suite('property: readDataset on random CSVs');

property(`${CASES} random CSVs: only ReportError escapes; usable + dropped = read`, async () => {
  const t0 = Date.now();
  const outcomes = { datasets: 0, refused: 0 };
  const failures: string[] = [];
  for (let k = 0; k < CASES; k++) {
    const seed = BASE_SEED + k;
    const g = generate(seed);
    const file = path.join(tmp, `case-${seed}.csv`);
    fs.writeFileSync(file, g.bytes);
    // half the cases name the delimiter and (for unambiguous encodings) the encoding, half sniff
    const declare = k % 2 === 1;
    const encoding = g.encoding === 'utf-8-bom' ? 'utf-8' : g.encoding;
    const opts = options(file, declare ? { delimiter: g.delimiter as ReadOptions['delimiter'], encoding: encoding as ReadOptions['encoding'] } : {});
    try {
      const ds = await readDataset(opts);
      outcomes.datasets++;
      const dropped = Object.values(ds.source.rowsDropped).reduce((a, b) => a + b, 0);
      if (ds.rows + dropped !== ds.source.rowsRead) failures.push(`${g.description}: ${ds.rows} usable + ${dropped} dropped != ${ds.source.rowsRead} read`);
      if (ds.rows < 1) failures.push(`${g.description}: a Dataset with no usable row came back`);
      for (const [concept, col] of Object.entries(ds.num)) {
        if (col.length !== ds.rows) failures.push(`${g.description}: column ${concept} has ${col.length} values for ${ds.rows} rows`);
      }
      if (g.wellFormed) {
        if (ds.source.rowsRead !== g.records) failures.push(`${g.description}: read ${ds.source.rowsRead} records, wrote ${g.records}`);
        if (ds.source.delimiter !== g.delimiter) failures.push(`${g.description}: delimiter read as ${JSON.stringify(ds.source.delimiter)}`);
        const enc = g.encoding === 'utf-8-bom' ? 'utf-8' : g.encoding;
        const asciiOnly = ![...g.bytes].some((b) => b >= 0x80);
        if (ds.source.encoding !== enc && !(asciiOnly && ds.source.encoding === 'utf-8')) {
          failures.push(`${g.description}: encoding read as ${ds.source.encoding}`);
        }
        if (!ds.columns.views) failures.push(`${g.description}: a Dataset without a views column`);
      }
    } catch (err) {
      if (!(err instanceof ReportError)) {
        failures.push(`${g.description}: threw ${(err as Error)?.constructor?.name}: ${String((err as Error)?.message ?? err).split('\n')[0]}`);
        continue;
      }
      outcomes.refused++;
      if (err.exitCode !== 3 && err.exitCode !== 2) failures.push(`${g.description}: exit code ${err.exitCode}`);
      if (/\n/.test(err.message) || err.message.length > 400) failures.push(`${g.description}: message is not one sentence: ${err.message.slice(0, 200)}`);
      if (!err.message.includes(path.basename(file))) failures.push(`${g.description}: message does not name the file: ${err.message}`);
      // a well-formed file with a views column and usable rows must not be refused
      if (g.wellFormed && g.hasViews && !/no usable rows|has no views column|header but no data rows/.test(err.message)) {
        failures.push(`${g.description}: refused a well-formed file: ${err.message}`);
      }
    }
  }
  if (process.env.SVREPORT_PROPERTY_VERBOSE) console.log(outcomes, `${Date.now() - t0} ms`);
  assert.ok(outcomes.datasets > CASES / 3, `most cases give a Dataset (${JSON.stringify(outcomes)})`);
  assert.ok(outcomes.refused > 0, `some cases are refused (${JSON.stringify(outcomes)})`);
  assert.ok(Date.now() - t0 < 60_000, `bounded time: ${Date.now() - t0} ms`);
  assert.equal(failures.slice(0, 15), [], `${failures.length} failure(s)`);
});

property('a well-formed file gives the same Dataset in every encoding and delimiter', async () => {
  const header = ['title', 'creator', 'views', 'likes', 'publish_date'];
  const rows = [
    ['Café “quoted”, with delimiter; and | pipe', 'Jürgen', '1200', '-5', '2025-01-02'],
    ['line\nbreak', 'Ä — ß', '99999999999999999999', '', '2025-01-03'],
    ['€ price', 'x', '-3', '7', '2025-01-04'],
  ];
  const results: string[] = [];
  for (const enc of ENCODINGS) {
    for (const d of DELIMS) {
      const q = (s: string) => (s.includes(d) || /["\n,;|\t]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);
      const body = [header, ...rows].map((r) => r.map(q).join(d)).join('\r\n') + '\r\n';
      let bytes: Buffer;
      if (enc === 'utf-8') bytes = Buffer.from(body);
      else if (enc === 'utf-8-bom') bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(body)]);
      else if (enc === 'utf-16le') bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(body, 'utf16le')]);
      else if (enc === 'utf-16be') {
        bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(body, 'utf16le')]);
        bytes.swap16();
      } else bytes = Buffer.from([...body].map((ch) => CP1252[ch] ?? ch.charCodeAt(0)));
      const file = path.join(tmp, `same-${enc}-${DELIMS.indexOf(d)}.csv`);
      fs.writeFileSync(file, bytes);
      const ds = await readDataset(options(file));
      assert.is(ds.source.delimiter, d, `${enc} ${JSON.stringify(d)}`);
      assert.is(ds.source.rowsRead, 3);
      results.push(JSON.stringify({ rows: ds.rows, views: [...ds.num.views!], likes: [...ds.num.likes!], titles: ds.text.title?.values, creators: ds.text.creator?.values }));
    }
  }
  assert.is(new Set(results).size, 1, results[0]);
  const one = JSON.parse(results[0]);
  assert.equal(one.views, [1200, 99999999999999999999, -3]);
  assert.equal(one.titles, ['Café “quoted”, with delimiter; and | pipe', 'line\nbreak', '€ price']);
});

property.after(() => fs.rmSync(tmp, { recursive: true, force: true }));

property.run();
