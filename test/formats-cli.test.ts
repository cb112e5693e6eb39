// Issue 23 item 2 through the real CLI: an .xlsx of the bundled sample with real Excel numbers
// and dates gives the same metrics.json and filtered.csv rows as the CSV itself; the run's
// temporary folder (svreport-input-*) is gone after a success, an error and a SIGTERM.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createWriteStream, existsSync } from 'node:fs';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { once } from 'node:events';
import { createGzip } from 'node:zlib';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { parseString } from 'fast-csv';
import { tempDir } from './helpers/tmp.ts';
import { cli, oneSentence } from './helpers/cli-run.ts';
import { markerText, newToken } from '../src/output/owned.ts';

const SAMPLE = resolve('data/sample.csv');
const test = suite('formats through the CLI (issue 23 item 2)');

/** A CSV's cells (fast-csv, the reference reader's parser). */
function parseCsv(text: string): Promise<string[][]> {
  return new Promise((done, fail) => {
    const rows: string[][] = [];
    parseString(text, { headers: false }).on('data', (r: string[]) => rows.push(r)).on('end', () => done(rows)).on('error', fail);
  });
}

/** The sample as a workbook: numbers as numbers (shown as `0.0,"K"` where large), the publish date as a real Excel date. */
async function sampleXlsx(path: string): Promise<void> {
  const [header, ...rows] = await parseCsv(await readFile(SAMPLE, 'utf8'));
  const dateCol = header.indexOf('publish_date_approx');
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: true, useStyles: true });
  const ws = wb.addWorksheet('Videos');
  ws.addRow(header).commit();
  for (const r of rows) {
    const values: unknown[] = r.map((v, i) => {
      if (i === dateCol && /^\d{4}-\d\d-\d\d$/.test(v)) return new Date(`${v}T00:00:00Z`);
      // a plain number whose text is what JavaScript writes for it (so `0.00000` stays text-equal as 0)
      return /^-?(0|[1-9]\d*)(\.\d+)?$/.test(v) && v.length < 16 ? Number(v) : v;
    });
    const row = ws.addRow(values);
    row.getCell(dateCol + 1).numFmt = 'm/d/yy';
    row.getCell(header.indexOf('views') + 1).numFmt = '0.0,"K"';
    row.commit();
  }
  ws.commit();
  await wb.commit();
}

const CONFIG = (input: string) => `title: Formats\ninput:\n  path: ${input}\ntimezone: UTC\nperiod: all\noutput:\n  dir: out/{report}\n  formats: [json, csv]\n`;

async function build(dir: string, input: string, env: NodeJS.ProcessEnv = {}) {
  const sub = join(dir, input.replace(/\W/g, '_'));
  await mkdir(sub, { recursive: true });
  await writeFile(join(sub, 'report.config.yaml'), CONFIG(join(dir, input)));
  const r = await cli(['build', '--config', 'report.config.yaml', '--out', 'out', '--as-of', '2026-01-01'], sub, { SOURCE_DATE_EPOCH: '1767225600', ...env });
  return { r, out: join(sub, 'out') };
}

async function reportDir(out: string): Promise<string> {
  const [name] = await readdir(out);
  return join(out, name);
}

/** Calls `stop` once a run's temporary folder holds its CSV (being written or read); false when the run ended first. */
async function stopWhenConverting(tmp: string, stop: () => void, ended: Promise<unknown> = new Promise(() => {})): Promise<boolean> {
  let over = false;
  void ended.then(() => (over = true));
  for (;;) {
    if (over) return false;
    const [left] = await leftovers(tmp).catch(() => []);
    const files = left ? await readdir(join(tmp, left)).catch(() => []) : [];
    if (files.length >= 2) {
      stop();
      return true;
    }
    await new Promise((ok) => setTimeout(ok, 5));
  }
}

const leftovers = async (tmp: string) => (await readdir(tmp)).filter((n) => n.startsWith('svreport-input-'));

test('an XLSX of the sample with real numbers and dates: the same metrics.json and filtered.csv rows as the CSV', async () => {
  const dir = await tempDir('svreport-fmt-cli-');
  const tmp = join(dir, 'tmp');
  await mkdir(tmp);
  await writeFile(join(dir, 'sample.csv'), await readFile(SAMPLE));
  await sampleXlsx(join(dir, 'sample.xlsx'));
  const csv = await build(dir, 'sample.csv');
  const xlsx = await build(dir, 'sample.xlsx', { TMPDIR: tmp });
  assert.is(csv.r.code, 0, csv.r.stderr);
  assert.is(xlsx.r.code, 0, xlsx.r.stderr);
  const [a, b] = [await reportDir(csv.out), await reportDir(xlsx.out)];
  const ma = JSON.parse(await readFile(join(a, 'metrics.json'), 'utf8'));
  const mb = JSON.parse(await readFile(join(b, 'metrics.json'), 'utf8'));
  // the input names the file given, with its own hash and size
  const xbytes = await readFile(join(dir, 'sample.xlsx'));
  const sha = createHash('sha256').update(xbytes).digest('hex');
  assert.match(mb.input.path, /sample\.xlsx$/);
  assert.is(mb.input.sha256, sha);
  const manifest = JSON.parse(await readFile(join(b, 'manifest.json'), 'utf8'));
  assert.equal(manifest.input, { path: mb.input.path, sha256: sha, bytes: xbytes.length });
  assert.equal({ ...mb.input, path: '', sha256: '' }, { ...ma.input, path: '', sha256: '' });
  delete ma.input;
  delete mb.input;
  // the explorer's memory estimate counts the text of text columns: a number-like cell in one
  // (`81323.0`) is written as Excel stores it (`81323`), a few bytes shorter
  const [memA, memB] = [ma.explorer.memoryBytes, mb.explorer.memoryBytes];
  assert.ok(Math.abs(memA - memB) <= memA * 0.001, `${memA} vs ${memB}`);
  ma.explorer.memoryBytes = mb.explorer.memoryBytes = 0;
  assert.equal(mb, ma);
  assert.is(ma.overview.videos, 3000); // the figures compared are the sample's (all its rows)
  // filtered.csv: the same rows (numbers written as Excel stores them, e.g. 81323.0 -> 81323)
  const fa = await parseCsv(await readFile(join(a, 'filtered.csv'), 'utf8'));
  const fb = await parseCsv(await readFile(join(b, 'filtered.csv'), 'utf8'));
  assert.is(fb.length, fa.length);
  assert.is(fa.length, 3001);
  const views = fa[0].indexOf('views');
  assert.equal(fb.map((r) => r[views]), fa.map((r) => r[views]));
  assert.equal(await leftovers(tmp), [], 'the temporary folder is removed after a success');
});

test('the temporary folder is gone after an error and after SIGTERM of a real run', async () => {
  const dir = await tempDir('svreport-fmt-cli-');
  const tmp = join(dir, 'tmp');
  await mkdir(tmp);
  // an error after the conversion: a gzipped CSV with no views column
  await pipeline(Readable.from(['title,creator\na,b\n']), createGzip(), createWriteStream(join(dir, 'noviews.csv.gz')));
  const bad = await build(dir, 'noviews.csv.gz', { TMPDIR: tmp });
  assert.is(bad.r.code, 3, bad.r.stderr);
  assert.match(oneSentence(bad.r.stderr), /noviews\.csv\.gz has no views column/);
  assert.equal(await leftovers(tmp), [], 'removed after an error');

  // a run stopped while it reads a large gzipped CSV (about 60 MB unpacked)
  const sample = await readFile(SAMPLE, 'utf8');
  const body = sample.slice(sample.indexOf('\n') + 1);
  const head = sample.slice(0, sample.indexOf('\n') + 1);
  await pipeline(Readable.from((function* () {
    yield head;
    for (let i = 0; i < 25; i++) yield body;
  })()), createGzip({ level: 1 }), createWriteStream(join(dir, 'big.csv.gz')));
  const sub = join(dir, 'sig');
  await mkdir(sub);
  await writeFile(join(sub, 'report.config.yaml'), CONFIG(join(dir, 'big.csv.gz')));
  const child = spawn(process.execPath, [resolve('bin/svreport.js'), 'build', '--config', 'report.config.yaml', '--out', 'out'], {
    cwd: sub, env: { ...process.env, TMPDIR: tmp, SOURCE_DATE_EPOCH: '1767225600' }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  const closed = once(child, 'close');
  const saw = await stopWhenConverting(tmp, () => child.kill('SIGTERM'), closed);
  const [code] = (await closed) as [number | null];
  assert.ok(saw, `the run never made its temporary folder: ${stderr}`);
  assert.is(code, 143, stderr);
  assert.match(stderr, /interrupted by SIGTERM/);
  assert.equal(await leftovers(tmp), [], 'removed after SIGTERM');
  assert.not.ok(existsSync(join(sub, 'out', 'report')), 'no snapshot from the stopped run');

  // SIGKILL cannot be caught: the folder stays, and the next run that converts an input removes it
  const killed = spawn(process.execPath, [resolve('bin/svreport.js'), 'build', '--config', 'report.config.yaml', '--out', 'out'], {
    cwd: sub, env: { ...process.env, TMPDIR: tmp }, stdio: 'ignore',
  });
  await stopWhenConverting(tmp, () => killed.kill('SIGKILL'));
  await once(killed, 'close');
  const [left] = await leftovers(tmp);
  assert.ok(left, 'a SIGKILLed run leaves its folder');
  // a folder of a run still alive (this test process) is left alone
  const alive = join(tmp, 'svreport-input-alive');
  await mkdir(alive);
  await writeFile(join(alive, '.svreport-input'), markerText(newToken()));
  const next = await build(dir, 'noviews.csv.gz', { TMPDIR: tmp });
  assert.is(next.r.code, 3, next.r.stderr);
  assert.equal(await leftovers(tmp), ['svreport-input-alive'], 'the killed run\'s folder is removed by the next run');
});

test.run();
