// n/a for absent concepts (SPEC 10, issue 24): a concept the export does not have reads "n/a",
// never 0, in the KPI cards, the quick snapshot, the email and the PDF. A TikTok-Studio-like file
// of 16 videos has no platform column; a YouTube-like file has no likes, comments or shares.
// metrics.json: platforms stays [] (a list, not a false count); the engagement rate of a file with
// no engagement column is null (SPEC 5: null for what cannot be computed), no longer a false 0.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { resolveBrowserExecutable } from '../src/output/browser.ts';
import { pdfText } from '../src/output/fonts.ts';
import { runCli } from './helpers/cli.ts';
import { tempDir } from './helpers/tmp.ts';

let chromium = true;
try {
  resolveBrowserExecutable({});
} catch {
  chromium = false;
  console.log('skipped (PDF part): no chromium');
}

function tiktokStudio(): string {
  const rows = ['Video title,Date posted,Video views,Likes,Comments,Shares,Duration'];
  for (let i = 0; i < 16; i++) rows.push(`Clip ${i + 1},2025-08-${String(1 + i).padStart(2, '0')},${1000 + i * 750},${40 + i * 9},${3 + i},${2 + (i % 5)},${15 + i * 3}`);
  return rows.join('\n') + '\n';
}

function youtubeStudio(): string {
  const rows = ['Video title,Publish time,Views,Duration,Channel'];
  for (let i = 0; i < 20; i++) rows.push(`Short ${i + 1},2025-08-${String(1 + i).padStart(2, '0')},${2000 + i * 500},${20 + i},Chan${i % 3}`);
  return rows.join('\n') + '\n';
}

const configFor = (name: string, formats: string) => `input: { path: ${name}.csv }
period: all
output: { dir: "out-${name}/{report}", formats: [${formats}] }
delivery:
  email:
    to: [growth@example.com]
    from: "Reports <reports@example.com>"
    smtp: { host: 127.0.0.1, port: 2525 }
`;

interface Built {
  html: string;
  metrics: { overview: Record<string, unknown> };
  mail: { text: string; html: string };
  pdf: string | null;
}

async function build(name: string, csv: string, pdf: boolean): Promise<Built> {
  const dir = await tempDir(`svreport-na-${name}-`);
  await writeFile(join(dir, `${name}.csv`), csv);
  await writeFile(join(dir, `${name}.yaml`), configFor(name, pdf ? 'html, json, pdf' : 'html, json'));
  const run = await runCli(['build', '--config', `${name}.yaml`], dir, { SOURCE_DATE_EPOCH: '1756684800' }, 180_000);
  assert.is(run.code, 0, run.stderr);
  const out = join(dir, `out-${name}/report`);
  const mail = await simpleParser(await readFile(join(out, 'message.eml')));
  return {
    html: await readFile(join(out, 'report.html'), 'utf8'),
    metrics: JSON.parse(await readFile(join(out, 'metrics.json'), 'utf8')),
    mail: { text: mail.text ?? '', html: String(mail.html) },
    pdf: pdf ? ((await pdfText(await readFile(join(out, 'report.pdf'))))?.text ?? null) : null,
  };
}

/** the value a KPI card (hero or quick snapshot) shows under its label, every card so named */
const cards = (html: string, label: string) =>
  [...html.matchAll(new RegExp(`<p class="kpi-label">${label}</p>\\s*<p class="kpi-value"[^>]*><bdi>([^<]*)</bdi>`, 'g'))].map((m) => m[1]);

let tiktok: Built;
let youtube: Built;
const t = suite('n/a for absent concepts');

t.before(async () => {
  tiktok = await build('tiktok', tiktokStudio(), false);
  youtube = await build('youtube', youtubeStudio(), chromium);
});

t('no platform column: "Platforms n/a", not 0; metrics.json keeps platforms []', () => {
  assert.equal(cards(tiktok.html, 'Platforms'), ['n/a']);
  assert.equal(tiktok.metrics.overview.platforms, []);
  // the engagement columns are there: a real rate, (40+..+103 likes etc.) never n/a
  assert.equal(cards(tiktok.html, 'Median engagement rate'), ['1.85%', '1.85%']);
  assert.is(tiktok.metrics.overview.medianEngagementRate, 0.018502857142857144);
});

t('no likes, comments or shares: "Median engagement rate n/a" in the cards and the email, null in metrics.json', () => {
  assert.equal(cards(youtube.html, 'Median engagement rate'), ['n/a', 'n/a']);
  assert.equal(cards(youtube.html, 'p90 engagement rate'), ['n/a']);
  assert.equal(cards(youtube.html, 'Platforms'), ['n/a']);
  assert.not.ok(/(^|[^\d.])0\.00\s?%/.test(youtube.html.replace(/<svg[\s\S]*?<\/svg>/g, '')), 'no 0.00 % anywhere in the report');
  assert.is(youtube.metrics.overview.medianEngagementRate, null);
  assert.is(youtube.metrics.overview.p90EngagementRate, null);
  assert.match(youtube.mail.text, /Median engagement rate: n\/a\r?\n/);
  assert.match(youtube.mail.html, /Median engagement rate<\/td><td[^>]*data-kpi="medianEngagementRate"[^>]*>n\/a</);
  // views are there: their figures are unchanged (20 videos, 2,000 + 500 i)
  assert.equal(cards(youtube.html, 'Videos'), ['20']);
  assert.is(youtube.metrics.overview.totalViews, 135_000);
});

t('the PDF says n/a too', () => {
  if (!youtube.pdf) return;
  // pdftotext reads a row of cards label by label, then value by value
  const text = youtube.pdf.replace(/\s+/g, ' ');
  assert.match(text, /Videos Total views Median engagement rate Platforms 20 135K n\/a n\/a /);
  assert.match(text, /Median engagement rate p90 engagement rate 6\.8K 10\.6K n\/a n\/a /);
  assert.not.match(text, /(^|[^\d.])0\.00\s?%/);
});

t.run();
