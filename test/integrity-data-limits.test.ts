// Issue 19, items 9 and 13 (the reading side): linear work on hostile cells and lines, and one
// clear sentence with the right exit code for a bad SOURCE_DATE_EPOCH, a config nested too
// deeply, a file that is not CSV (ZIP, XLSX, PDF, HTML, gzip, image) and a file too wide. The
// "linear" checks use sizes where the old quadratic code took minutes, with a generous bound.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseHashtags } from '../src/data/values.ts';
import { RecordGuard } from '../src/data/decode.ts';
import { MAX_COLUMNS, readDataset } from '../src/data/read.ts';
import { writeFilteredCsvs } from '../src/output/csv.ts';
import { makeClock } from '../src/periods.ts';
import { loadConfig, parseConfigYaml } from '../src/config/load.ts';
import { ReportError } from '../src/errors.ts';
import { readOptions } from './helpers/read.ts';
import { tempDir } from './helpers/tmp.ts';
import { zipOf } from './helpers/zip.ts';
import { cli, oneSentence } from './helpers/cli-run.ts';
import { rejection } from './helpers/reject.ts';

let dir = '';
let n = 0;
const file = async (bytes: Buffer | string, name = `f${n++}.csv`) => {
  dir ||= await tempDir('svreport-limits-');
  const path = join(dir, name);
  await writeFile(path, bytes);
  return path;
};

function errorOf(f: () => unknown): ReportError {
  try {
    f();
  } catch (err) {
    assert.instance(err, ReportError);
    return err as ReportError;
  }
  throw new Error('expected an error');
}

async function asyncErrorOf(p: Promise<unknown>): Promise<ReportError> {
  const err = await rejection(p);
  assert.instance(err, ReportError, String(err));
  return err as ReportError;
}

// ---
const linear = suite('linear work on hostile cells and lines (item 9)');

linear('a hashtags cell of 200k tags: de-duplicated in first-seen order, in linear time', () => {
  const tags = Array.from({ length: 200_000 }, (_, i) => `#t${i}`);
  const cell = [...tags, '#T5', '#t199999', ...tags.slice(0, 1000)].join(' ');
  const t0 = Date.now();
  const out = parseHashtags(cell);
  // includes() on the growing list took ~90 s for this cell (5.7 s for 50k tags)
  assert.ok(Date.now() - t0 < 20_000, `took ${Date.now() - t0} ms`);
  assert.is(out.length, 200_000);
  assert.is(out[0], '#t0');
  assert.is(out[199_999], '#t199999');
  assert.equal(parseHashtags('#A #b #a #B #c'), ['#a', '#b', '#c']); // few tags: the same rule
});

linear('RecordGuard (the one record-size guard, also over bytes as latin1) over 4 MiB of blank lines: every line counted, in linear time', () => {
  const guard = new RecordGuard(100, 'f.csv');
  const t0 = Date.now();
  // a search ahead for a quote from every line took ~8.6 s per MiB, growing with the square
  assert.is(guard.check(Buffer.alloc(4 << 20, 10).toString('latin1')), null);
  assert.ok(Date.now() - t0 < 20_000, `took ${Date.now() - t0} ms`);
  assert.is(guard.record, 4 << 20);
  // and it still measures records: quotes hide line feeds, a long line is caught
  const g2 = new RecordGuard(10, 'f.csv');
  assert.is(g2.check('"a\nb\nc",1\nshort\n'), null);
  assert.is(g2.record, 2);
  assert.ok(new RecordGuard(10, 'f.csv').check('ok\n' + 'x'.repeat(11) + '\n') instanceof Error);
});

linear('filtered.csv of a file with 10 MB of blank lines: the two rows, in linear time', async () => {
  const path = await file(Buffer.concat([Buffer.from('title,views\na,1\n'), Buffer.alloc(10_000_000, 10), Buffer.from('b,2\n')]));
  const ds = await readDataset(readOptions(path, { parallelMinBytes: Infinity }));
  assert.is(ds.rows, 2);
  const out = join(dir, 'blank-filtered.csv');
  const t0 = Date.now();
  await writeFilteredCsvs(ds, [{ path: out, rows: Uint32Array.of(0, 1) }], 1 << 20, { thread: 'main' });
  assert.ok(Date.now() - t0 < 20_000, `took ${Date.now() - t0} ms`); // 43 s before
  assert.is(await readFile(out, 'utf8'), 'title,views\na,1\nb,2\n');
});

linear.run();

// ---
const sde = suite('SOURCE_DATE_EPOCH (item 13)');

sde('anything but whole seconds up to 9999-12-31 is a usage error saying what is expected', () => {
  for (const bad of ['abc', '-1', '1.5', '1e9', '99999999999999999999', '253402300800', '0x10']) {
    const err = errorOf(() => makeClock({ sourceDateEpoch: bad, now: 0, timezone: 'UTC' }));
    assert.is(err.exitCode, 2, bad);
    assert.is(
      err.message,
      `SOURCE_DATE_EPOCH must be a whole number of seconds since 1970-01-01 UTC, at most 253402300799 (9999-12-31), or unset (got ${JSON.stringify(bad)}).`,
    );
  }
  assert.is(makeClock({ sourceDateEpoch: '253402300799', now: 0, timezone: 'UTC' }).generatedAt, '9999-12-31T23:59:59Z');
  assert.is(makeClock({ sourceDateEpoch: ' 0 ', now: 5, timezone: 'UTC' }).generatedAt, '1970-01-01T00:00:00Z');
});

sde('the CLI: exit 2 and the one sentence, nothing written', async () => {
  const csv = await file('title,views\na,1\n', 'sde.csv');
  for (const bad of ['abc', '99999999999999999999']) {
    const r = await cli(['build', '--input', csv, '--format', 'json', '--out', join(dir, 'sde-out'), '--quiet'], dir, { SOURCE_DATE_EPOCH: bad });
    assert.is(r.code, 2, r.stderr);
    assert.match(oneSentence(r.stderr), /^SOURCE_DATE_EPOCH must be a whole number of seconds/);
  }
});

sde.run();

// ---
const yaml = suite('a config nested too deeply (item 13)');

yaml('deeper than 64 levels: a config error at file:line:col, at any depth the parser reaches', () => {
  const flow = (depth: number) => 'a: ' + '['.repeat(depth) + ']'.repeat(depth) + '\n';
  assert.equal(parseConfigYaml(flow(63), 'c.yaml'), { a: JSON.parse('['.repeat(63) + ']'.repeat(63)) }); // 64 levels with the root
  const message = 'lists and mappings are nested too deeply (more than 64 levels); a config needs only a few';
  assert.is(errorOf(() => parseConfigYaml(flow(64), 'c.yaml')).message, `c.yaml:1:67: ${message}`);
  for (const text of [flow(5000), 'x: ' + '{a: '.repeat(3000) + '1' + '}'.repeat(3000), '- '.repeat(3000) + '1\n']) {
    const err = errorOf(() => parseConfigYaml(text, 'c.yaml'));
    assert.is(err.exitCode, 2);
    assert.match(err.message, new RegExp(`^c\\.yaml:\\d+:\\d+: ${message.replace(/[()]/g, '\\$&')}$`));
  }
});

yaml('loading such a file names it', async () => {
  await file('title: x\nsections: ' + '['.repeat(2000) + ']'.repeat(2000) + '\n', 'deep.yaml');
  const err = await asyncErrorOf(loadConfig({ configPath: 'deep.yaml', cwd: dir }));
  assert.is(err.exitCode, 2);
  assert.match(err.message, /^deep\.yaml:2:\d+: lists and mappings are nested too deeply/);
});

yaml.run();

// ---
const formats = suite('a file that is not CSV is named for what it is (item 13)');

const CSV = 'title,views,creator\nHello world,1200,@a\nSecond video,300,@b\n';

formats('PDF, HTML, PNG: exit 3, one sentence naming the format (ZIP, XLSX and gzip are read since issue 23: formats-*.test.ts)', async () => {
  const cases: [string, Buffer, string][] = [
    ['report.pdf', Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntitle,views\n'), 'a PDF document'],
    ['page.csv', Buffer.from('\n  <!DOCTYPE html>\n<html><body><table><tr><td>views</td></tr></table></body></html>\n'), 'an HTML page'],
    ['chart.png', Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('title,views\n')]), 'a PNG image'],
  ];
  for (const [name, bytes, what] of cases) {
    const path = await file(bytes, name);
    const err = await asyncErrorOf(readDataset(readOptions(path)));
    assert.is(err.exitCode, 3, name);
    assert.is(err.message, `${path} is ${what}, not a CSV file; export or extract the data as CSV (or TSV) and pass that file.`);
  }
});

formats('a CSV starting with a quote, a bracket or a BOM is still CSV', async () => {
  for (const text of ['\uFEFFtitle,views\na,1\n', '"[x]",views\na,1\n', '[x],views\na,1\n', '{id},views\na,1\n']) {
    const ds = await readDataset(readOptions(await file(text)));
    assert.is(ds.rows, 1, text);
  }
});

formats('the CLI on a stored ZIP of images: exit 3, no raw bytes printed as columns', async () => {
  const path = await file(zipOf([['chart.png', '\x89PNG\r\n\x1a\ntitle,views\n']]), 'yt.zip');
  const r = await cli(['validate', '--input', path], dir);
  assert.is(r.code, 3, r.stderr);
  assert.is(r.stdout, '');
  assert.match(oneSentence(r.stderr), /yt\.zip holds 1 file but no CSV or XLSX: chart\.png\./);
});

formats.run();

// ---
const wide = suite('a file too wide (item 13)');

const wideCsv = (columns: number, rows: number) => {
  const header = ['views', ...Array.from({ length: columns - 1 }, (_, i) => `c${i + 1}`)].join(',');
  const row = (r: number) => [String(r + 1), ...Array.from({ length: columns - 1 }, (_, i) => String(i % 97))].join(',');
  return [header, ...Array.from({ length: rows }, (_, r) => row(r))].join('\n') + '\n';
};

wide('more than 16,384 columns: exit 3 before the rows are kept; 16,384 columns read', async () => {
  assert.is(MAX_COLUMNS, 16384);
  const err = await asyncErrorOf(readDataset(readOptions(await file(wideCsv(100_000, 30)))));
  assert.is(err.exitCode, 3);
  assert.match(err.message, /has 100,000 columns; svreport reads at most 16,384 \(a spreadsheet's limit\): keep the columns the report needs\.$/);
  const ds = await readDataset(readOptions(await file(wideCsv(16_384, 30))));
  assert.is(ds.rows, 30);
  assert.is(ds.source.header.length, 16_384);
  assert.is(ds.num.views![29], 30);
});

wide.run();
