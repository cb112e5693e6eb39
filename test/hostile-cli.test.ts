// Hostile and broken input, end to end (issue #7): the real CLI (`node bin/svreport.js`) as a
// child process, in temp folders, on fixtures generated here. Every case asserts the exit code,
// that stderr is one `svreport: error: ...` sentence (plus listed details for the config) with no
// stack trace, and what was or was not written. Every child has a deadline; hitting it fails.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { resolveBrowserExecutable } from '../src/output/browser.ts';
import { mulberry32 } from './helpers/random.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(ROOT, 'bin', 'svreport.js');
const CHILD_TIMEOUT_MS = 60_000;

// ---------------------------------------------------------------------------
// Helpers

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Runs the CLI; rejects (fails the test) when it outlives its deadline. */
function cli(args: string[], opts: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number; onStderr?: (s: string) => void }): Promise<Run> {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', ...opts.env };
  delete env.SOURCE_DATE_EPOCH;
  for (const [k, v] of Object.entries(opts.env ?? {})) if (v === undefined) delete env[k];
  const t0 = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: opts.cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => {
      stderr += s;
      opts.onStderr?.(stderr);
    });
    const limit = opts.timeoutMs ?? CHILD_TIMEOUT_MS;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`svreport ${args.join(' ')} did not finish within ${limit} ms (stderr: ${stderr.slice(0, 300)})`));
    }, limit);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, ms: Date.now() - t0 });
    });
  });
}

const tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'svreport-hostile-cli-'));
let counter = 0;
function workdir(): string {
  const dir = path.join(tmpRoot, `case-${++counter}`);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

const CONFIG = (input: string, extra = '') => `input:\n  path: ${input}\noutput:\n  dir: "out/{report}"\n${extra}`;

function setup(data: string | Buffer, extraConfig = '', name = 'data.csv'): { dir: string; config: string } {
  const dir = workdir();
  fs.writeFileSync(path.join(dir, name), data);
  fs.writeFileSync(path.join(dir, 'c.yaml'), CONFIG(name, extraConfig));
  return { dir, config: 'c.yaml' };
}

const HEADER = ['title', 'creator', 'platform', 'category', 'hashtags', 'views', 'likes', 'comments', 'shares', 'publish_date', 'duration_sec'];

/** n well-formed rows spread over six weeks, two platforms, three creators. */
function goodRows(n: number): string[][] {
  const rows: string[][] = [];
  for (let i = 0; i < n; i++) {
    const day = new Date(Date.UTC(2025, 0, 1 + (i % 42)));
    rows.push([
      `Video ${i}`,
      `@creator${i % 3}`,
      i % 2 ? 'TikTok' : 'YouTube',
      ['Comedy', 'Music', 'Food'][i % 3],
      `#tag${i % 4},#fyp`,
      String(1000 + ((i * 7919) % 50000)),
      String(50 + (i % 97)),
      String(i % 13),
      String(i % 7),
      day.toISOString().slice(0, 10),
      String(10 + (i % 50)),
    ]);
  }
  return rows;
}

function csvCell(s: string, delim = ','): string {
  return /["\r\n]/.test(s) || s.includes(delim) ? `"${s.replaceAll('"', '""')}"` : s;
}
function toCsv(rows: string[][], delim = ',', eol = '\n'): string {
  return rows.map((r) => r.map((c) => csvCell(c, delim)).join(delim)).join(eol) + eol;
}

/** The stderr of a failed run: exactly one `svreport: error:` sentence, details as `  - ` lines, no stack. */
function assertOneError(r: Run, code: number, message: RegExp, opts: { details?: boolean } = {}): string {
  assert.is(r.code, code, `exit code (stderr: ${r.stderr})`);
  assert.not.match(r.stderr, /^\s+at /m, 'no stack trace without --debug');
  assert.not.match(r.stderr, /unexpected error/i);
  const lines = r.stderr.trimEnd().split('\n');
  const errors = lines.filter((l) => l.startsWith('svreport: error: '));
  assert.is(errors.length, 1, `one error line in: ${r.stderr}`);
  assert.is(lines[0], errors[0], `the error comes first with --quiet: ${r.stderr}`);
  const rest = lines.slice(1);
  if (opts.details) assert.ok(rest.every((l) => l.startsWith('  - ')), r.stderr);
  else assert.is(rest.length, 0, `nothing but the sentence: ${r.stderr}`);
  const sentence = errors[0].slice('svreport: error: '.length);
  assert.match(sentence, message);
  assert.ok(sentence.length < 400, `a sentence, not a dump: ${sentence.length} chars`);
  return sentence;
}

/** Every file under dir, relative, sorted (hidden ones too: staging folders must not be left). */
function tree(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(path.relative(dir, p));
    }
  };
  walk(dir);
  return out.sort();
}

function snapshotOf(dir: string): Map<string, string> {
  const m = new Map<string, string>();
  for (const f of tree(dir)) m.set(f, fs.readFileSync(path.join(dir, f)).toString('base64'));
  return m;
}

const validateJson = async (dir: string, config = 'c.yaml') => {
  const r = await cli(['validate', '--config', config, '--json', '--quiet'], { cwd: dir });
  assert.is(r.code, 0, r.stderr);
  assert.is(r.stderr, '', 'validate --json --quiet prints nothing on stderr');
  return JSON.parse(r.stdout) as {
    input: { encoding: string; bom: boolean; delimiter: string; rowsRead: number; rowsUsable: number; rowsDropped: Record<string, number>; missing?: Record<string, number> };
    columns: { concept: string; column: string | null }[];
  };
};

const sumDropped = (d: Record<string, number>) => Object.values(d).reduce((a, b) => a + b, 0);


// ---------------------------------------------------------------------------
// 4. Broken CSV

const csv = suite('hostile CLI: broken CSV');

csv('an empty file is refused with exit 3', async () => {
  const { dir, config } = setup('');
  const r = await cli(['validate', '--config', config, '--quiet'], { cwd: dir });
  assertOneError(r, 3, /data\.csv.*empty/);
});

csv('a missing input file and a folder as input are refused with exit 3', async () => {
  const dir = workdir();
  fs.writeFileSync(path.join(dir, 'c.yaml'), CONFIG('nope.csv'));
  assertOneError(await cli(['validate', '--config', 'c.yaml', '--quiet'], { cwd: dir }), 3, /nope\.csv does not exist/);
  fs.mkdirSync(path.join(dir, 'folder.csv'));
  fs.writeFileSync(path.join(dir, 'c2.yaml'), CONFIG('folder.csv'));
  assertOneError(await cli(['build', '--config', 'c2.yaml', '--quiet', '--format', 'json'], { cwd: dir }), 3, /folder\.csv is not a file/);
  assert.equal(tree(path.join(dir, 'out')), []);
});

csv('a header without rows is refused with exit 3', async () => {
  const { dir, config } = setup(HEADER.join(',') + '\n');
  const r = await cli(['build', '--config', config, '--quiet', '--format', 'json,csv'], { cwd: dir });
  assertOneError(r, 3, /data\.csv has a header but no data rows/);
  assert.equal(tree(path.join(dir, 'out')), []);
});

csv('no views-like column: exit 3 naming the columns found and columns.views', async () => {
  const rows = goodRows(5).map((r) => r.slice(0, 5));
  const { dir, config } = setup(toCsv([HEADER.slice(0, 5), ...rows]));
  const r = await cli(['validate', '--config', config, '--quiet'], { cwd: dir });
  assertOneError(r, 3, /data\.csv has no views column .*"title".*columns\.views/);
});

csv('binary garbage is refused with exit 3; a gzipped CSV is read (issue 23)', async () => {
  const rnd = mulberry32(7);
  const bytes = Buffer.alloc(200_000);
  for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(rnd() * 256);
  const { dir, config } = setup(bytes);
  assertOneError(await cli(['validate', '--config', config, '--quiet'], { cwd: dir }), 3, /data\.csv does not look like a CSV/);
  const gz = setup(gzipSync(toCsv([HEADER, ...goodRows(2000)])), '', 'data.csv.gz');
  const read = await cli(['validate', '--config', gz.config, '--json'], { cwd: gz.dir });
  assert.is(read.code, 0, read.stderr);
  assert.is(read.stderr, '');
  assert.match(read.stdout, /"rowsRead": 2000\b/);
});

csv('ragged rows are dropped and counted by reason; cells that cannot be read are missing, their rows kept', async () => {
  const rows = goodRows(40);
  rows[3] = rows[3].slice(0, 6); // too few
  rows[10] = [...rows[10], 'extra', 'more']; // too many
  rows[20] = [...rows[20], '']; // one trailing empty field is tolerated
  rows[25][5] = 'lots'; // not a number
  rows[26][9] = 'someday'; // not a date
  const { dir } = setup(toCsv([HEADER, ...rows]));
  const v = await validateJson(dir);
  assert.is(v.input.rowsRead, 40);
  // SPEC 2: `lots` (views) and `someday` (date) are missing cells, no longer dropped rows
  assert.equal(v.input.rowsDropped, { ragged: 2 });
  assert.equal(v.input.missing, { views: 1, publish_date: 1 });
  assert.is(v.input.rowsUsable, 38);
  assert.is(v.input.rowsUsable + sumDropped(v.input.rowsDropped), v.input.rowsRead);
  const b = await cli(['build', '--config', 'c.yaml', '--quiet', '--format', 'json,csv'], { cwd: dir });
  assert.is(b.code, 0, b.stderr);
  const csvOut = fs.readFileSync(path.join(dir, 'out/report/filtered.csv'), 'utf8').trimEnd().split('\n');
  assert.is(csvOut.length, 1 + 38);
});

csv('rows that are all bad: exit 3 with the reasons', async () => {
  const rows = goodRows(5).map((r) => r.slice(0, 4));
  const { dir, config } = setup(toCsv([HEADER, ...rows]));
  assertOneError(await cli(['validate', '--config', config, '--quiet'], { cwd: dir }), 3, /data\.csv has no usable rows: all 5 were dropped \(5 ragged\)/);
});

csv('a views column with no numbers: exit 3 saying why that column was not used', async () => {
  const rows = goodRows(5).map((r) => {
    r[5] = 'n/a?';
    return r;
  });
  const { dir, config } = setup(toCsv([HEADER, ...rows]));
  // the column "views" exists: "has no views column ... found: "views"" would contradict itself
  assertOneError(await cli(['validate', '--config', config, '--quiet'], { cwd: dir }), 3, /"views".*not numbers/);
});

csv('a one-week dataset (period: last-week) builds and charts by day; empty charts say so', async () => {
  const rows = goodRows(3); // 2025-01-01..03: one ISO week
  const { dir, config } = setup(toCsv([HEADER, ...rows]), 'period: last-week\n');
  const r = await cli(['build', '--config', config, '--quiet', '--format', 'html,json,csv', '--as-of', '2025-01-08'], { cwd: dir });
  assert.is(r.code, 0, r.stderr);
  const html = fs.readFileSync(path.join(dir, 'out/report/report.html'), 'utf8');
  assert.ok(html.includes('· sum per day'), 'a week-long period charts by day (SPEC 10)');
  // one day of videos: one point, so the growth-rate chart has nothing to draw, and says so
  const oneDay = rows.map((row) => row.map((cell, i) => (HEADER[i] === 'publish_date' ? '2025-01-02' : cell)));
  const day = setup(toCsv([HEADER, ...oneDay]), 'period: last-week\n');
  const r1 = await cli(['build', '--config', day.config, '--quiet', '--format', 'html,json,csv', '--as-of', '2025-01-08'], { cwd: day.dir });
  assert.is(r1.code, 0, r1.stderr);
  assert.ok(fs.readFileSync(path.join(day.dir, 'out/report/report.html'), 'utf8').includes('No data to draw for this chart.'));
});

csv('an unterminated quote followed by 100k rows: exit 3 in bounded time', async () => {
  const lines = [HEADER.join(','), toCsv(goodRows(3)).trimEnd(), `"never closed,x,TikTok,Comedy,#a,100,1,1,1,2025-01-01,10`];
  const body = toCsv(goodRows(100_000)).replaceAll('"', '');
  const { dir, config } = setup(lines.join('\n') + '\n' + body);
  const r = await cli(['validate', '--config', config, '--quiet'], { cwd: dir, timeoutMs: 30_000 });
  assertOneError(r, 3, /data\.csv: .*(unterminated quote|never closed)/);
  assert.match(r.stderr, /data row 4\b/, 'names the row where the quote opens');
  assert.ok(r.ms < 20_000, `bounded: ${r.ms} ms`);
});

csv('one 30 MB line: exit 3 naming the row and input.maxRecordBytes, in bounded time', async () => {
  const big = 'x'.repeat(30 * 1024 * 1024);
  const rows = goodRows(3);
  const { dir, config } = setup(HEADER.join(',') + '\n' + toCsv(rows) + big + ',1,2,3\n' + toCsv(goodRows(3)));
  const r = await cli(['build', '--config', config, '--quiet', '--format', 'json,csv'], { cwd: dir, timeoutMs: 30_000 });
  assertOneError(r, 3, /data\.csv: data row 4 is longer than 1 MiB; .*input\.maxRecordBytes/);
  assert.ok(r.ms < 20_000, `bounded: ${r.ms} ms`);
  assert.equal(tree(path.join(dir, 'out')), []);
});

csv('duplicate headers: the first column of a name is used', async () => {
  const header = [...HEADER, 'views', 'title'];
  const rows = goodRows(12).map((r) => [...r, 'not a number', 'second title']);
  const { dir } = setup(toCsv([header, ...rows]));
  const v = await validateJson(dir);
  assert.is(v.input.rowsUsable, 12);
  const b = await cli(['build', '--config', 'c.yaml', '--quiet', '--format', 'json,csv'], { cwd: dir });
  assert.is(b.code, 0, b.stderr);
  const metrics = JSON.parse(fs.readFileSync(path.join(dir, 'out/report/metrics.json'), 'utf8'));
  const expected = goodRows(12).reduce((s, r) => s + Number(r[5]), 0);
  assert.is(metrics.overview.totalViews, expected);
});

csv('a __proto__ / constructor header is an ordinary column (no prototype pollution)', async () => {
  const header = ['__proto__', 'constructor', 'hasOwnProperty', ...HEADER];
  const rows = goodRows(10).map((r) => ['{"polluted":1}', 'x', 'y', ...r]);
  const { dir } = setup(toCsv([header, ...rows]));
  const v = await validateJson(dir);
  assert.is(v.input.rowsUsable, 10);
  const b = await cli(['build', '--config', 'c.yaml', '--quiet', '--format', 'json,csv'], { cwd: dir });
  assert.is(b.code, 0, b.stderr);
  const out = fs.readFileSync(path.join(dir, 'out/report/filtered.csv'), 'utf8').split('\n');
  assert.ok(out[0].startsWith('__proto__,constructor,hasOwnProperty,title'), out[0]);
  assert.ok(out[1].startsWith('"{""polluted"":1}",x,y,Video 0'), out[1]);
  // and a column mapped by name through columns: works the same
  fs.writeFileSync(path.join(dir, 'c2.yaml'), CONFIG('data.csv', 'columns:\n  title: "__proto__"\n'));
  const v2 = await validateJson(dir, 'c2.yaml');
  assert.is(v2.columns.find((c) => c.concept === 'title')?.column, '__proto__');
});

csv('NUL bytes inside cells are dropped, the rows are read', async () => {
  const text = toCsv([HEADER, ...goodRows(10)]).replace('Video 1', 'Vid\0eo 1').replace(',1000,', ',10\u000000,');
  const { dir } = setup(text);
  const v = await validateJson(dir);
  assert.is(v.input.rowsUsable, 10);
  const b = await cli(['build', '--config', 'c.yaml', '--quiet', '--format', 'csv'], { cwd: dir });
  assert.is(b.code, 0, b.stderr);
  const out = fs.readFileSync(path.join(dir, 'out/report/filtered.csv'), 'utf8');
  assert.not.ok(out.includes('\0'));
  assert.ok(out.includes('Video 1,'));
});

function utf16(text: string, be: boolean): Buffer {
  const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  if (!be) return le;
  const b = Buffer.from(le);
  b.swap16();
  return b;
}

for (const be of [false, true]) {
  csv(`UTF-16 ${be ? 'BE' : 'LE'} with BOM is read, non-ASCII text intact`, async () => {
    const rows = goodRows(10);
    rows[0][0] = 'Ünïcödé 日本語 🎉';
    const { dir } = setup(utf16(toCsv([HEADER, ...rows], '\t', '\r\n'), be));
    const v = await validateJson(dir);
    assert.is(v.input.encoding, be ? 'utf-16be' : 'utf-16le');
    assert.is(v.input.delimiter, '\t');
    assert.is(v.input.rowsUsable, 10);
    const b = await cli(['build', '--config', 'c.yaml', '--quiet', '--format', 'csv'], { cwd: dir });
    assert.is(b.code, 0, b.stderr);
    assert.ok(fs.readFileSync(path.join(dir, 'out/report/filtered.csv'), 'utf8').includes('Ünïcödé 日本語 🎉'));
  });
}

csv('Windows-1252 bytes fall back to windows-1252, text intact', async () => {
  const rows = goodRows(10);
  rows[0][0] = 'Café “quoted” — 5€';
  const text = toCsv([HEADER, ...rows], ';');
  const cp1252: Record<string, number> = { '€': 0x80, '“': 0x93, '”': 0x94, '—': 0x97 };
  const bytes = Buffer.from([...text].map((ch) => cp1252[ch] ?? ch.charCodeAt(0)));
  const { dir } = setup(bytes);
  const v = await validateJson(dir);
  assert.is(v.input.encoding, 'windows-1252');
  assert.is(v.input.delimiter, ';');
  assert.is(v.input.rowsUsable, 10);
  const b = await cli(['build', '--config', 'c.yaml', '--quiet', '--format', 'csv'], { cwd: dir });
  assert.is(b.code, 0, b.stderr);
  assert.ok(fs.readFileSync(path.join(dir, 'out/report/filtered.csv'), 'utf8').includes('Café “quoted” — 5€'));
});

csv('a declared encoding that does not fit: exit 3 saying what to set', async () => {
  const bytes = Buffer.from(toCsv([HEADER, ...goodRows(3)]).replace('Video 0', 'Caf\u00e9'), 'latin1');
  const { dir, config } = setup(bytes);
  fs.writeFileSync(path.join(dir, config), `input:\n  path: data.csv\n  encoding: utf-8\n`);
  assertOneError(await cli(['validate', '--config', config, '--quiet'], { cwd: dir }), 3, /data\.csv: data row 1 \(column "title"\) holds bytes that are not valid UTF-8, and input\.encoding is utf-8; .*set input\.encoding: auto/);
});

csv('a broken quote mid-file: exit 3 naming the data row', async () => {
  const text = [HEADER.join(','), ...toCsv(goodRows(3)).trimEnd().split('\n'), `"a"b,x,TikTok,Comedy,#a,100,1,1,1,2025-01-01,10`].join('\n') + '\n';
  const { dir, config } = setup(text);
  assertOneError(await cli(['validate', '--config', config, '--quiet'], { cwd: dir }), 3, /data\.csv .*data row 4\b/);
});

csv('--debug is the only way to get a stack trace', async () => {
  const { dir, config } = setup(HEADER.join(',') + '\n"open,1\n');
  const quiet = await cli(['validate', '--config', config], { cwd: dir });
  assert.is(quiet.code, 3);
  assert.not.match(quiet.stderr, /^\s+at /m);
  const debug = await cli(['validate', '--config', config, '--debug'], { cwd: dir });
  assert.is(debug.code, 3);
  assert.match(debug.stderr, /^\s+at /m);
});

// ---------------------------------------------------------------------------
// 5. Broken config

const config = suite('hostile CLI: broken config');

function configCase(yaml: string): { dir: string } {
  const dir = workdir();
  fs.writeFileSync(path.join(dir, 'data.csv'), toCsv([HEADER, ...goodRows(5)]));
  fs.writeFileSync(path.join(dir, 'c.yaml'), yaml);
  return { dir };
}

config('a YAML syntax error: exit 2 with file, line and column', async () => {
  const { dir } = configCase('input:\n  path: data.csv\noutput: { dir: out/{report} }\n');
  const r = await cli(['validate', '--config', 'c.yaml', '--quiet'], { cwd: dir });
  assertOneError(r, 2, /^c\.yaml:3:\d+: /, { details: true });
  const tab = configCase('input:\n\tpath: data.csv\n');
  assertOneError(await cli(['validate', '--config', 'c.yaml', '--quiet'], { cwd: tab.dir }), 2, /^c\.yaml:2:\d+: /, { details: true });
});

config('unknown keys, wrong types and values: exit 2 listing every problem with its key path', async () => {
  const { dir } = configCase(
    [
      'titel: Weekly',
      'input: { path: data.csv, delimter: ";" }',
      'output: { dir: "out/{report}", formats: [html, docx] }',
      'sections: { creators: { top: -3 }, explorer: { previewRows: lots } }',
      'timezone: Mars/Base',
      'virality: { threshold: [1] }',
      '',
    ].join('\n'),
  );
  const r = await cli(['build', '--config', 'c.yaml', '--quiet'], { cwd: dir });
  assertOneError(r, 2, /c\.yaml: \d+ problems in the configuration/, { details: true });
  const details = r.stderr.split('\n').filter((l) => l.startsWith('  - ')).join('\n');
  assert.match(details, /`titel`.*did you mean `title`/);
  assert.match(details, /`input\.delimter`.*did you mean `delimiter`/);
  assert.match(details, /output\.formats/);
  assert.match(details, /docx/);
  assert.match(details, /sections\.creators\.top/);
  assert.match(details, /sections\.explorer\.previewRows/);
  assert.match(details, /timezone/);
  assert.match(details, /virality\.threshold/);
  assert.ok(r.stderr.split('\n').filter((l) => l.startsWith('  - ')).length >= 7, r.stderr);
  assert.not.ok(fs.existsSync(path.join(dir, 'out')));
});

config('an alias bomb is refused at once', async () => {
  const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 9; i++) {
    const prev = String.fromCharCode(96 + i);
    const cur = String.fromCharCode(97 + i);
    levels.push(`${cur}: &${cur} [${Array(9).fill(`*${prev}`).join(',')}]`);
  }
  const { dir } = configCase(`input: { path: data.csv }\ntitle: x\n${levels.join('\n')}\n`);
  const r = await cli(['validate', '--config', 'c.yaml', '--quiet'], { cwd: dir, timeoutMs: 20_000 });
  assertOneError(r, 2, /c\.yaml: refused: its aliases expand to too much data/);
  assert.ok(r.ms < 10_000, `at once: ${r.ms} ms`);
});

config('!!js and other language tags are refused with their position', async () => {
  const { dir } = configCase(
    'input: { path: data.csv }\ntitle: !!js/function "function(){ return 1 }"\ntheme: !!python/object:os.system "id"\npdf: { executablePath: !!binary aGVsbG8= }\n',
  );
  const r = await cli(['validate', '--config', 'c.yaml', '--quiet'], { cwd: dir });
  const s = assertOneError(r, 2, /^c\.yaml:2:\d+: the tag !!js\/function is not allowed/, { details: true });
  assert.ok(s.length > 0);
  assert.match(r.stderr, /c\.yaml:3:\d+: the tag !!python\/object:os\.system is not allowed/);
  assert.match(r.stderr, /c\.yaml:4:\d+: the tag !!binary is not allowed/);
});

config('a __proto__ key and duplicate keys are errors, not pollution', async () => {
  const { dir } = configCase('input: { path: data.csv }\n__proto__: { polluted: true }\ntitle: a\ntitle: b\n');
  const r = await cli(['validate', '--config', 'c.yaml', '--quiet'], { cwd: dir });
  assertOneError(r, 2, /c\.yaml:4:\d+: Map keys must be unique/, { details: true });
  const p = configCase('input: { path: data.csv }\n__proto__: { polluted: true }\n');
  const r2 = await cli(['validate', '--config', 'c.yaml', '--quiet'], { cwd: p.dir });
  assertOneError(r2, 2, /problem/, { details: true });
  assert.match(r2.stderr, /unknown key `__proto__`/);
});

config('a config that is huge, not UTF-8, or missing: exit 2 with the file name', async () => {
  const { dir } = configCase('x');
  fs.writeFileSync(path.join(dir, 'big.yaml'), `input: { path: data.csv }\ntitle: "${'x'.repeat(2 * 1024 * 1024)}"\n`);
  assertOneError(await cli(['validate', '--config', 'big.yaml', '--quiet'], { cwd: dir }), 2, /big\.yaml: the config file is .* bytes; the limit is/);
  fs.writeFileSync(path.join(dir, 'latin.yaml'), Buffer.from('input: { path: data.csv }\ntitle: Caf\xe9\n', 'latin1'));
  assertOneError(await cli(['validate', '--config', 'latin.yaml', '--quiet'], { cwd: dir }), 2, /latin\.yaml: the config file is not UTF-8 text/);
  assertOneError(await cli(['validate', '--config', 'missing.yaml', '--quiet'], { cwd: dir }), 2, /missing\.yaml: config file not found/);
});

config('bad command-line values: exit 2 with the flag', async () => {
  const { dir } = configCase('input: { path: data.csv }\n');
  assertOneError(await cli(['build', '--config', 'c.yaml', '--quiet', '--format', 'html,docx'], { cwd: dir }), 2, /--format .*docx/);
  const set = await cli(['build', '--config', 'c.yaml', '--quiet', '--set', 'sections.creators.top=many'], { cwd: dir });
  assertOneError(set, 2, /problem/, { details: true });
  assert.match(set.stderr, /^  - `sections\.creators\.top` must be a whole number .*"many"/m);
  assertOneError(await cli(['frobnicate', '--quiet'], { cwd: dir }), 2, /frobnicate|Unknown/i);
});

// ---------------------------------------------------------------------------
// 6. Failures mid-run

const midrun = suite('hostile CLI: failures mid-run');

midrun('a missing output directory is created', async () => {
  const { dir, config: c } = setup(toCsv([HEADER, ...goodRows(30)]));
  const r = await cli(['build', '--config', c, '--quiet', '--format', 'json,csv', '--out', 'deep/er/still'], { cwd: dir });
  assert.is(r.code, 0, r.stderr);
  assert.is(r.stderr, '');
  assert.equal(tree(path.join(dir, 'deep/er/still')), ['report/filtered.csv', 'report/manifest.json', 'report/metrics.json']);
});

midrun('an output path that is a file: exit 1 naming it, nothing written, no staging left', async () => {
  const { dir, config: c } = setup(toCsv([HEADER, ...goodRows(30)]));
  fs.mkdirSync(path.join(dir, 'out'));
  fs.writeFileSync(path.join(dir, 'out/report'), 'I am a file');
  const r = await cli(['build', '--config', c, '--quiet', '--format', 'json,csv'], { cwd: dir });
  assertOneError(r, 1, /Cannot write the output .*out\/report: .*(not a folder|a file is in the way)\.$/);
  assert.equal(tree(path.join(dir, 'out')), ['report']);
  assert.is(fs.readFileSync(path.join(dir, 'out/report'), 'utf8'), 'I am a file');
  // the output root itself a file
  const f = setup(toCsv([HEADER, ...goodRows(30)]));
  fs.writeFileSync(path.join(f.dir, 'out'), 'file');
  assertOneError(await cli(['build', '--config', f.config, '--quiet', '--format', 'json'], { cwd: f.dir }), 1, /Cannot write the output .*(not a folder|a file is in the way)\.$/);
});

midrun('a read-only output directory: exit 1 (permission denied), nothing written', async () => {
  const { dir, config: c } = setup(toCsv([HEADER, ...goodRows(30)]));
  let out: string;
  if (process.getuid?.() === 0) {
    out = '/sys/svreport-readonly-test'; // root ignores file modes; sysfs refuses new folders
  } else {
    out = path.join(dir, 'ro');
    fs.mkdirSync(out);
    fs.chmodSync(out, 0o555);
  }
  const r = await cli(['build', '--config', c, '--quiet', '--format', 'json,csv', '--out', out], { cwd: dir });
  assertOneError(r, 1, /Cannot write the output .*: permission denied\./);
  assert.not.ok(fs.existsSync(path.join(out, 'report')));
  if (process.getuid?.() !== 0) assert.equal(fs.readdirSync(out), []);
});

midrun('a later failure leaves the previous snapshot untouched', async () => {
  const { dir, config: c } = setup(toCsv([HEADER, ...goodRows(30)]));
  const first = await cli(['build', '--config', c, '--quiet', '--format', 'json,csv'], { cwd: dir });
  assert.is(first.code, 0, first.stderr);
  const before = snapshotOf(path.join(dir, 'out'));
  assert.ok(before.size >= 3);
  // the input becomes broken: the run fails before anything is staged
  fs.writeFileSync(path.join(dir, 'data.csv'), HEADER.join(',') + '\n');
  assertOneError(await cli(['build', '--config', c, '--quiet', '--format', 'json,csv'], { cwd: dir }), 3, /no data rows/);
  assert.equal(snapshotOf(path.join(dir, 'out')), before);
  // a broken config fails before reading
  fs.writeFileSync(path.join(dir, 'c.yaml'), CONFIG('data.csv', 'bogus: 1\n'));
  assertOneError(await cli(['build', '--config', c, '--quiet'], { cwd: dir }), 2, /problem/, { details: true });
  assert.equal(snapshotOf(path.join(dir, 'out')), before);
});

midrun('split by creator: hostile creator names stay inside the output root', async () => {
  const rows = goodRows(30);
  const names = ['../../escaped', '/etc/cron.d/x', '..', 'C:\\Windows\\evil', '<b>x</b>', ''];
  rows.forEach((r, i) => (r[1] = names[i % names.length]));
  const { dir, config: c } = setup(toCsv([HEADER, ...rows]), 'splitBy: creator\n');
  const r = await cli(['build', '--config', c, '--quiet', '--format', 'json'], { cwd: dir });
  assert.is(r.code, 0, r.stderr);
  const files = tree(dir);
  assert.ok(files.every((f) => f === 'c.yaml' || f === 'data.csv' || f.startsWith('out/')), files.join('\n'));
  assert.ok(!fs.existsSync(path.join(tmpRoot, 'escaped')) && !fs.existsSync(path.join(dir, '..', 'escaped')));
  const reports = fs.readdirSync(path.join(dir, 'out'));
  assert.ok(reports.length >= 5, reports.join(','));
  assert.ok(reports.every((d) => /^[\p{L}\p{N}._-]+$/u.test(d) && !d.startsWith('.')), reports.join(','));
});

// The killed browser: a watcher kills the Chromium of this run (found by its private TMPDIR in
// the --user-data-dir) once the PDF stage started.
let chromium: string | null = null;
try {
  chromium = resolveBrowserExecutable({}).path;
} catch {
  chromium = null;
}

const pidsUnder = (marker: string): number[] => {
  const r = spawnSync('pgrep', ['-f', marker], { encoding: 'utf8' });
  return r.stdout.split('\n').filter(Boolean).map(Number).filter((p) => p !== process.pid);
};

midrun('a browser killed mid-run: exit 4, no report.pdf, previous snapshot untouched, no process or profile left', async () => {
  if (!chromium) return console.log('  skipped: no chromium');
  const rows = goodRows(300);
  const { dir, config: c } = setup(toCsv([HEADER, ...rows]));
  const first = await cli(['build', '--config', c, '--quiet', '--format', 'html,json,csv'], { cwd: dir });
  assert.is(first.code, 0, first.stderr);
  const before = snapshotOf(path.join(dir, 'out'));

  const tmp = fs.mkdtempSync(path.join(tmpRoot, 'chrome-tmp-'));
  let killed = 0;
  let watching = false;
  const watch = async () => {
    if (watching) return;
    watching = true;
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      // only the browser: its --user-data-dir is the svreport-chrome-* profile under our TMPDIR
      const profile = path.join(tmp, 'svreport-chrome-');
      const pids = pidsUnder(profile);
      if (pids.length > 0) {
        await new Promise((r) => setTimeout(r, 300)); // printing (the browser booted while the data was read)
        for (const pid of pidsUnder(profile)) {
          try {
            process.kill(pid, 'SIGKILL');
            killed++;
          } catch {
            // gone already
          }
        }
        return;
      }
      await new Promise((r) => setTimeout(r, 25));
    }
  };
  let watcher: Promise<void> | null = null;
  const r = await cli(['build', '--config', c, '--format', 'html,pdf,json,csv'], {
    cwd: dir,
    env: { TMPDIR: tmp, PUPPETEER_EXECUTABLE_PATH: chromium },
    onStderr: (s) => {
      if (!watcher && /svreport: derive\b/.test(s)) watcher = watch();
    },
  });
  await watcher;
  assert.ok(killed > 0, `the watcher killed the browser (stderr: ${r.stderr})`);
  assert.is(r.code, 4, r.stderr);
  assert.not.match(r.stderr, /^\s+at /m);
  const errors = r.stderr.split('\n').filter((l) => l.startsWith('svreport: error: '));
  assert.is(errors.length, 1, r.stderr);
  assert.match(errors[0], /browser/i);
  assert.equal(snapshotOf(path.join(dir, 'out')), before, 'previous snapshot untouched');
  assert.not.ok(tree(path.join(dir, 'out')).some((f) => f.endsWith('report.pdf')));
  assert.not.ok(fs.readdirSync(path.join(dir, 'out')).some((f) => f.startsWith('.')), 'no staging folder left');
  await new Promise((res) => setTimeout(res, 300));
  assert.equal(pidsUnder(tmp), [], 'no browser process left');
  assert.equal(fs.readdirSync(tmp).filter((f) => f.startsWith('svreport-chrome-')), [], 'no browser profile left');
});

midrun('no browser at all: exit 4 with what to install, no report.pdf', async () => {
  const { dir, config: c } = setup(toCsv([HEADER, ...goodRows(30)]));
  const r = await cli(['build', '--config', c, '--quiet', '--format', 'json,pdf'], { cwd: dir, env: { PUPPETEER_EXECUTABLE_PATH: path.join(dir, 'no-such-chrome') } });
  assertOneError(r, 4, /PUPPETEER_EXECUTABLE_PATH points to ".*no-such-chrome", which does not exist\./);
  assert.not.ok(tree(dir).some((f) => f.endsWith('.pdf')));
});

midrun.after(() => fs.rmSync(tmpRoot, { recursive: true, force: true }));

csv.run();
config.run();
midrun.run();
