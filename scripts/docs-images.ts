// Regenerates the pictures in docs/images from the bundled sample: a screenshot of each section
// of report.html (taken in headless Chromium, clicking the CSS tabs) and the first pages of
// report.pdf (pdftoppm). Run: node --import tsx scripts/docs-images.ts
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer from 'puppeteer';
import { resolveBrowserExecutable } from '../src/output/browser.ts';

const root = resolve('.');
const docs = join(root, 'docs/images');
const work = mkdtempSync(join(tmpdir(), 'svreport-docs-'));
mkdirSync(docs, { recursive: true });
execFileSync('node', [join(root, 'bin/svreport.js'), 'build', '--quiet', '--out', join(work, 'out')], {
  cwd: root,
  env: { ...process.env, SOURCE_DATE_EPOCH: '1756684800' },
  stdio: 'inherit',
});
const report = join(work, 'out/report');
const profile = mkdtempSync(join(tmpdir(), 'svreport-docs-chrome-'));
const browser = await puppeteer.launch({
  executablePath: resolveBrowserExecutable({}).path,
  headless: true,
  args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-background-networking', '--no-first-run', '--disable-component-update', '--disable-sync', `--user-data-dir=${profile}`],
});
try {
  const page = await browser.newPage();
  await page.setJavaScriptEnabled(false);
  await page.setViewport({ width: 1280, height: 900, deviceScaleFactor: 1 });
  await page.setContent(readFileSync(join(report, 'report.html'), 'utf8'), { waitUntil: 'load' });
  for (const id of ['overview', 'growth', 'creators', 'virality', 'segments', 'explorer']) {
    await page.click(`label[for="tab-${id}"]`);
    await page.screenshot({ path: join(docs, `html-${id}.png`) as `${string}.png`, fullPage: true });
  }
} finally {
  await browser.close();
  rmSync(profile, { recursive: true, force: true });
}
for (const f of readdirSync(docs)) if (f.startsWith('pdf-page-')) rmSync(join(docs, f));
execFileSync('pdftoppm', ['-png', '-r', '45', join(report, 'report.pdf'), join(docs, 'pdf-page')]);
rmSync(work, { recursive: true, force: true });
console.log(`wrote ${readdirSync(docs).length} images to docs/images`);
