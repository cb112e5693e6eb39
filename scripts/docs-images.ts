// Regenerates the pictures in docs/images: a screenshot of each section of the bundled sample's
// report.html (taken in headless Chromium, clicking the CSS tabs), every page of its report.pdf
// (pdftoppm), and the Momentum tab of a weekly folder of three exports (the sample is one export
// without video ids, so its Momentum tab holds one line). Run: npm run docs:images
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser } from 'puppeteer';
import { resolveBrowserExecutable } from '../src/output/browser.ts';
import { weeklyExports } from '../test/helpers/weekly.ts';

const root = resolve('.');
const docs = join(root, 'docs/images');
const work = mkdtempSync(join(tmpdir(), 'svreport-docs-'));
mkdirSync(docs, { recursive: true });

/** `svreport build` in cwd with a fixed generated-at time, so the pictures only change with the code. */
function build(cwd: string, args: string[]): void {
  execFileSync('node', [join(root, 'bin/svreport.js'), 'build', '--quiet', ...args], {
    cwd,
    env: { ...process.env, SOURCE_DATE_EPOCH: '1756684800' },
    stdio: 'inherit',
  });
}

/** Screenshots of the given tabs of report.html, as docs/images/html-<id>.png. */
async function shoot(browser: Browser, html: string, ids: string[]): Promise<void> {
  const page = await browser.newPage();
  await page.setJavaScriptEnabled(false);
  await page.setViewport({ width: 1280, height: 900, deviceScaleFactor: 1 });
  await page.setContent(readFileSync(html, 'utf8'), { waitUntil: 'load' });
  for (const id of ids) {
    await page.click(`label[for="tab-${id}"]`);
    await page.screenshot({ path: join(docs, `html-${id}.png`) as `${string}.png`, fullPage: true });
  }
  await page.close();
}

build(root, ['--out', join(work, 'out')]);
const report = join(work, 'out/report');
// the README's weekly example: last week (W24, 9-15 Jun 2025) against the week before
const weekly = await weeklyExports('title: Weekly TikTok report\ninput: [{ path: exports/*.csv, platform: TikTok }]\nperiod: last-week\ncompare: previous\noutput: { dir: \"out/{report}\", formats: [html] }\n');
build(weekly, ['--as-of', '2025-06-16']);

const profile = mkdtempSync(join(tmpdir(), 'svreport-docs-chrome-'));
const browser = await puppeteer.launch({
  executablePath: resolveBrowserExecutable({}).path,
  headless: true,
  args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-background-networking', '--no-first-run', '--disable-component-update', '--disable-sync', `--user-data-dir=${profile}`],
});
try {
  await shoot(browser, join(report, 'report.html'), ['overview', 'growth', 'creators', 'virality', 'segments', 'explorer']);
  await shoot(browser, join(weekly, 'out/report/report.html'), ['momentum']);
} finally {
  await browser.close();
  rmSync(profile, { recursive: true, force: true });
}
for (const f of readdirSync(docs)) if (f.startsWith('pdf-page-')) rmSync(join(docs, f));
execFileSync('pdftoppm', ['-png', '-r', '45', join(report, 'report.pdf'), join(docs, 'pdf-page')]);
rmSync(work, { recursive: true, force: true });
console.log(`wrote ${readdirSync(docs).length} images to docs/images`);
