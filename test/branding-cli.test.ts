// Branding end to end (SPEC 10, issue 24 item 2), through the real CLI: a hostile SVG logo reaches
// report.html only as a sanitised data URL, and neither the print nor a browser with JavaScript on
// ever asks the counting server on 127.0.0.1 for anything; the footer line is on every PDF page;
// the accent colours the chart marks and headings, readable (axe finds no contrast violation);
// a logo that is not an image is exit 2 naming `branding.logo`.
import { execFileSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser } from 'puppeteer';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { resolveBrowserExecutable } from '../src/output/browser.ts';
import { accentSet, sanitizeSvg } from '../src/output/branding.ts';
import { LIGHT } from '../src/charts/theme.ts';
import { axeViolations, describe, launchBrowser } from './helpers/axe.ts';
import { runCli } from './helpers/cli.ts';
import { tempDir } from './helpers/tmp.ts';
import { assertNoHostile, hostileSvg } from './helpers/hostile-svg.ts';

let chromium: string | null = null;
try {
  chromium = resolveBrowserExecutable({}).path;
} catch {
  console.log('skipped: no chromium');
}

const ACCENT = '#f08c00'; // an orange too light for text on white (2.4:1): darkened, with a warning
const FOOTER = 'Confidential <Acme> & "Partners"';

/** 16 videos over three weeks, a few platforms: every section has something to draw. */
function videosCsv(): string {
  const rows = ['title,published_at,views,likes,comments,shares,duration_sec,platform'];
  for (let i = 0; i < 16; i++) {
    rows.push(`Clip ${i + 1},2026-08-${String(1 + i).padStart(2, '0')}T10:00:00Z,${1000 + i * 750},${40 + i * 9},${3 + i},${2 + (i % 5)},${15 + i * 3},${['TikTok', 'YouTube', 'Instagram'][i % 3]}`);
  }
  return rows.join('\n') + '\n';
}

/** Every request the local server saw, by path (the hostile logo's remote references all point here). */
const hits: string[] = [];
let server: Server | null = null;
let base = '';
let dir = '';
let browser: Browser | null = null;
let run = { code: null as number | null, stdout: '', stderr: '' };
let html = '';

const b = suite('branding: the CLI build');

b.before(async () => {
  server = createServer((req, res) => {
    // the two pages the browser check loads itself are served, not counted
    if (req.url === '/raw.svg' || req.url === '/clean.svg') {
      res.writeHead(200, { 'content-type': 'image/svg+xml' });
      res.end(req.url === '/raw.svg' ? hostileSvg(base) : sanitizeSvg(hostileSvg(base)));
      return;
    }
    hits.push(req.url ?? '');
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('x');
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  dir = await tempDir('svreport-brand-');
  await writeFile(join(dir, 'videos.csv'), videosCsv());
  await writeFile(join(dir, 'logo.svg'), hostileSvg(base));
  await writeFile(
    join(dir, 'report.config.yaml'),
    `title: Branded report
input: { path: videos.csv }
timezone: UTC
branding:
  logo: logo.svg
  accent: "${ACCENT}"
  footer: '${FOOTER}'
output: { dir: "out/{report}", formats: [html, pdf] }
`,
  );
  if (!chromium) return;
  run = await runCli(['build', '--config', 'report.config.yaml'], dir, { SOURCE_DATE_EPOCH: '1788220800' }, 180_000);
  if (run.code === 0) html = await readFile(join(dir, 'out/report/report.html'), 'utf8');
});

b.after(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

b('the build succeeds and warns that the accent was darkened for text', () => {
  if (!chromium) return;
  assert.is(run.code, 0, run.stderr);
  const { set } = accentSet(ACCENT, 'light');
  assert.ok(`${run.stdout}\n${run.stderr}`.includes(`branding.accent ${ACCENT} has a contrast of`), run.stderr);
  assert.ok(`${run.stdout}\n${run.stderr}`.includes(`headings and links use ${set.ink} instead`));
});

b('the logo is the sanitised SVG as a data URL; nothing hostile reaches report.html', () => {
  if (!html) return;
  const m = /<img class="brand-logo" src="data:image\/svg\+xml;base64,([A-Za-z0-9+/=]+)" alt="">/.exec(html);
  assert.ok(m, 'the cover shows the logo');
  const logo = Buffer.from(m![1], 'base64').toString('utf8');
  assert.is(logo, sanitizeSvg(hostileSvg(base)));
  assertNoHostile(logo, 'the embedded logo');
  assert.ok(logo.includes('<rect class="ok" width="100" height="40"/>'), 'the drawing is kept');
  for (const bad of ['<script', 'javascript:', base, 'foreignObject']) assert.not.ok(html.includes(bad), `report.html holds ${bad}`);
  assert.not.ok(/<[^>]+\son[a-z]+\s*=/i.test(html), 'report.html holds an on* attribute');
});

b('the accent colours the single-series chart marks and the headings; the theme blue is gone from the charts', () => {
  if (!html) return;
  const { set } = accentSet(ACCENT, 'light');
  const charts = [...html.matchAll(/<svg[\s\S]*?<\/svg>/g)].map((x) => x[0]).join('');
  assert.ok(charts.includes(`fill="${set.accent}"`) || charts.includes(`stroke="${set.accent}"`), `a mark in ${set.accent}`);
  assert.not.ok(charts.toLowerCase().includes(LIGHT.accent), `no mark in the theme's ${LIGHT.accent}`);
  assert.ok(html.includes(`--accent-ink: ${set.ink};`));
  assert.ok(html.includes('.report-title, .section-head h2, .findings h2 { color: var(--accent-ink); }'));
});

b('the footer line, escaped, and "page i of n" on every PDF page', () => {
  if (!html) return;
  const pdf = join(dir, 'out/report/report.pdf');
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))![1]);
  assert.ok(pages >= 6, `${pages} pages`);
  for (let p = 1; p <= pages; p++) {
    const text = execFileSync('pdftotext', ['-f', String(p), '-l', String(p), '-layout', pdf, '-'], { encoding: 'utf8' });
    assert.ok(text.includes(FOOTER), `page ${p} has the footer line`);
    assert.ok(text.includes(`page ${p} of ${pages}`), `page ${p} has its number`);
  }
});

b('no request left the print: the local server saw nothing', () => {
  if (!html) return;
  assert.equal(hits, []);
});

b('a browser with JavaScript on asks for nothing: the report, and the sanitised logo as a document of its own', async () => {
  if (!html || !chromium) return;
  browser = await launchBrowser(chromium);
  const page = await browser.newPage();
  const requested: string[] = [];
  page.on('request', (r) => requested.push(r.url()));
  await page.setJavaScriptEnabled(true);
  await page.setContent(html, { waitUntil: 'load' });
  assert.equal(requested.filter((u) => !u.startsWith('data:') && u !== 'about:blank'), [], 'the report requests only data: URLs');
  // the sanitised SVG opened directly (scripts would run here, references would load)
  await page.goto(`${base}/clean.svg`, { waitUntil: 'load' });
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(hits, [], 'the sanitised SVG asked for nothing');
  // the check can fail: the raw logo opened the same way calls the server at once
  await page.goto(`${base}/raw.svg`, { waitUntil: 'load' });
  for (let i = 0; i < 50 && hits.length === 0; i++) await new Promise((r) => setTimeout(r, 100));
  assert.ok(hits.length > 0, 'the raw hostile SVG makes requests (the check is live)');
  await page.close();
});

b('axe finds no contrast (or other WCAG 2.1 AA) violation in the branded report', async () => {
  if (!html || !browser) return;
  const found = await axeViolations(browser, html);
  assert.is(found.length, 0, describe(found));
});

b('a logo that is no image is exit 2 naming branding.logo, before any output', async () => {
  await writeFile(join(dir, 'anim.gif'), 'GIF89a\x01\x00\x01\x00');
  await writeFile(join(dir, 'gif.yaml'), `input: { path: videos.csv }\nbranding: { logo: anim.gif }\noutput: { dir: "out-gif/{report}", formats: [html, json] }\n`);
  const r = await runCli(['build', '--config', 'gif.yaml'], dir, { SOURCE_DATE_EPOCH: '1788220800' });
  assert.is(r.code, 2, r.stderr);
  assert.match(r.stderr, /`branding\.logo` names .*anim\.gif, which is a GIF image, not a PNG, JPEG or SVG image\./);
  assert.not.match(r.stderr, /\n\s+at /, 'no stack trace');
});

b.run();
