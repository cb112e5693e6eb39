// The report's layout as a reader sees it (SPEC 10, issue 24 item 3), through the real CLI and
// renderer, on a sample-like export, a 16-video studio export and a one-week report:
// - the PDF rasterised (pdftoppm): no page more than half empty unless it ends a section (or the
//   cover), sections found by their heading on the page (pdftotext);
// - the HTML laid out in the browser in print media at the PDF's text width: no table cell whose
//   content is wider than the cell, no word of a cell split over two lines, no element wider than
//   the page;
// - a small scope makes a short PDF; no figure twice.
import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser } from 'puppeteer';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { resolveBrowserExecutable } from '../src/output/browser.ts';
import { writeSampleCsv } from '../src/sample/generate.ts';
import { SECTIONS } from '../src/sections/registry.ts';
import { PACKAGE_ROOT } from '../src/paths.ts';
import { launchBrowser } from './helpers/axe.ts';
import { PdfPrinter } from '../src/output/pdf.ts';
import { checkPageCount, sectionStartPages, withTocPages } from '../src/output/print.ts';
import { runCli } from './helpers/cli.ts';
import { tempDir } from './helpers/tmp.ts';

let chromium: string | null = null;
try {
  chromium = resolveBrowserExecutable({}).path;
  execFileSync('pdftoppm', ['-v'], { stdio: 'ignore' });
} catch {
  console.log('skipped: no chromium or no poppler-utils');
  chromium = null;
}

/** A4 portrait with the printer's margins (src/output/pdf.ts): 210 − 2 × 12 mm of text width. */
const MM = 96 / 25.4;
const TEXT_WIDTH_PX = Math.floor((210 - 24) * MM);
const MARGIN_TOP_MM = 16;
const MARGIN_BOTTOM_MM = 14;

/** 16 videos of one creator's studio export: no platform, country or category column. */
function studioCsv(): string {
  const rows = ['Video title,Date posted,Video views,Likes,Comments,Shares,Duration'];
  for (let i = 0; i < 16; i++) {
    const day = String(1 + i).padStart(2, '0');
    rows.push(`"Clip number ${i + 1}: how we shot a whole week of content in one afternoon, part ${i + 1}",2026-11-${day},${1000 + i * 750},${40 + i * 9},${3 + i},${2 + (i % 5)},${15 + i * 3}`);
  }
  return rows.join('\n') + '\n';
}

interface Built {
  name: string;
  html: string;
  pdf: string;
}

const built: Built[] = [];
let browser: Browser | null = null;

/** Builds `videos.csv` with `config` (YAML text, or the bundled sample's report.config.yaml when null) to html and pdf. */
async function build(name: string, csv: (path: string) => Promise<void>, config: string | null): Promise<void> {
  const dir = await tempDir(`svreport-layout-${name}-`);
  await csv(join(dir, 'videos.csv'));
  if (config !== null) await writeFile(join(dir, 'report.config.yaml'), `title: Short-video performance report\ninput: { path: videos.csv }\ntimezone: UTC\n${config}\noutput: { dir: "out/{report}" }\n`);
  const configPath = config === null ? join(PACKAGE_ROOT, 'report.config.yaml') : 'report.config.yaml';
  const run = await runCli(['build', '--config', configPath, '--input', 'videos.csv', '--out', join(dir, 'out'), '--format', 'html,pdf'], dir, { SOURCE_DATE_EPOCH: '1765152000' }, 180_000);
  assert.is(run.code, 0, `${name}: ${run.stderr}`);
  built.push({ name, html: await readFile(join(dir, 'out/report/report.html'), 'utf8'), pdf: join(dir, 'out/report/report.pdf') });
}

// ---------------------------------------------------------------------------
// The PDF: pages rasterised, ink found, sections found by their headings

/** Each page's share of its text area that holds ink, top to the lowest inked row (0 to 1). */
export function inkedShare(pdf: string, dpi = 30): number[] {
  const out = execFileSync('pdftoppm', ['-gray', '-r', String(dpi), pdf], { maxBuffer: 256 * 1024 * 1024 });
  // a stream of binary PGMs ("P5 w h 255\n" + w·h bytes), one per page
  const shares: number[] = [];
  let at = 0;
  while (at < out.length) {
    const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(out.subarray(at, at + 40).toString('latin1'));
    if (!header) throw new Error(`pdftoppm: no PGM header at byte ${at}`);
    const [w, h] = [Number(header[1]), Number(header[2])];
    const data = out.subarray(at + header[0].length, at + header[0].length + w * h);
    const px = dpi / 25.4;
    const top = Math.ceil(MARGIN_TOP_MM * px);
    const bottom = Math.floor(h - MARGIN_BOTTOM_MM * px);
    let lowest = top;
    for (let y = top; y < bottom; y++) {
      for (let x = 0; x < w; x++) {
        if (data[y * w + x] < 235) {
          lowest = y;
          break;
        }
      }
    }
    shares.push((lowest - top) / (bottom - top));
    at += header[0].length + w * h;
  }
  return shares;
}

/** The text of each page (pdftotext, reading order). */
function pageTexts(pdf: string): string[] {
  return execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }).split('\f').slice(0, -1);
}

/** The page (1-based) on which each shown section's head stands (its number, then its title), the cover aside (its contents list them too). */
export function sectionStarts(texts: string[]): Map<string, number> {
  const starts = new Map<string, number>();
  texts.forEach((t, i) => {
    if (i === 0) return;
    for (const s of SECTIONS) {
      const m = new RegExp(`\\n(\\d\\d)\\n\\n${s.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\n`).exec(t);
      if (m && !starts.has(s.id)) starts.set(s.id, i + 1);
    }
  });
  return starts;
}

// ---------------------------------------------------------------------------
// The HTML in print media: cells, words, boxes

interface LayoutProblem {
  kind: 'cell-overflow' | 'word-split' | 'wider-than-page' | 'wider-than-box';
  where: string;
}

/** Runs in the page: every cell, word and box that does not fit. */
const MEASURE = String.raw`(() => {
  const out = [];
  const name = (el) => {
    const table = el.closest('table');
    const caption = table && table.querySelector('caption') ? table.querySelector('caption').textContent.trim() : '';
    return el.tagName.toLowerCase() + ' "' + (el.textContent || '').trim().slice(0, 40) + '"' + (caption ? ' in "' + caption + '"' : '');
  };
  const width = document.documentElement.clientWidth;
  for (const cell of document.querySelectorAll('table th, table td')) {
    if (cell.getClientRects().length === 0) continue; // not shown
    if (cell.scrollWidth > cell.clientWidth + 1) out.push({ kind: 'cell-overflow', where: name(cell) });
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const m of (node.textContent || '').matchAll(/\S+/g)) {
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
        if (tops.size > 1) {
          out.push({ kind: 'word-split', where: '"' + m[0].slice(0, 40) + '" in ' + name(cell) });
          break;
        }
      }
    }
  }
  // a table spilling out of the card or column that holds it (under its neighbour): the page
  // may be wide enough, the box is not
  for (const table of document.querySelectorAll('table')) {
    const box = table.parentElement && table.parentElement.closest('.col, .card, .panel');
    if (!box || table.getClientRects().length === 0) continue;
    const t = table.getBoundingClientRect();
    const b = box.getBoundingClientRect();
    if (t.right > b.right + 1 || t.left < b.left - 1) out.push({ kind: 'wider-than-box', where: name(table.querySelector('th, td') || table) + ' (' + Math.round(t.right - b.right) + ' px out of .' + [...box.classList].join('.') + ')' });
  }
  for (const el of document.querySelectorAll('.page *')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    if (r.right > width + 1 || r.left < -1) {
      out.push({ kind: 'wider-than-page', where: el.tagName.toLowerCase() + '.' + [...el.classList].join('.') + ' (' + Math.round(r.left) + '-' + Math.round(r.right) + ' of ' + width + ' px)' });
    }
  }
  return out;
})()`;

async function layoutProblems(b: Browser, html: string): Promise<LayoutProblem[]> {
  const page = await b.newPage();
  try {
    await page.setBypassCSP(true);
    await page.setJavaScriptEnabled(true);
    await page.setRequestInterception(true);
    page.on('request', (r) => (r.url().startsWith('data:') || r.url() === 'about:blank' ? r.continue() : r.abort()));
    await page.emulateMediaType('print');
    await page.setViewport({ width: TEXT_WIDTH_PX, height: 1000 });
    await page.setContent(html, { waitUntil: 'load' });
    // a string, not a function: the test runner's transform would add helpers the page lacks
    return (await page.evaluate(MEASURE)) as LayoutProblem[];
  } finally {
    await page.close();
  }
}

// ---------------------------------------------------------------------------

const toc = suite('table of contents: sectionStartPages, withTocPages, the flow page gate');

toc('a section starts where its number, alone on its line, comes before its title; the contents line never matches', () => {
  const sections = [{ id: 'overview', title: 'Overview' }, { id: 'growth', title: 'Growth & timing' }, { id: 'explorer', title: 'Data explorer' }];
  const pages = [
    'Report    2025-W34\n\nContents\n01    Overview      \n02    Growth & timing\n03    Data explorer\n',
    'Report    2025-W34\n\n01\n\nOverview\nExecutive snapshot\n',
    'Report\nmore overview\n   02\n   Growth & timing   \nTrends\n',
    'Report\nno heading: 03 Data explorer\n',
  ];
  assert.equal([...sectionStartPages(pages, sections)], [['overview', 2], ['growth', 3]]);
  const html = '<li><span class="toc-page" data-toc="overview"></span></li><li><span class="toc-page" data-toc="growth"></span></li>';
  assert.is(withTocPages(html, new Map([['growth', 3]])), '<li><span class="toc-page" data-toc="overview"></span></li><li><span class="toc-page" data-toc="growth">3</span></li>');
});

toc('a report whose sections flow needs its cover and one page, not a page per section', () => {
  checkPageCount('r', 2, 6, true); // does not throw
  assert.throws(() => checkPageCount('r', 1, 6, true), /Report "r": the PDF has 1 page\(s\), fewer than its cover and a page of its 6 sections\./);
  assert.throws(() => checkPageCount('r', 5, 6), /fewer than its 6 sections/);
});

toc.run();

const t = suite('layout, as a reader sees it');

t.before(async () => {
  if (!chromium) return;
  await build('sample-like', (p) => writeSampleCsv(p, 3000), null); // the bundled config, on 3,000 generated rows
  await build('16-video studio', (p) => writeFile(p, studioCsv()), 'period: all');
  await build('one week', (p) => writeSampleCsv(p, 3000), 'period: { from: 2025-08-18, to: 2025-08-24 }\ncompare: previous');
  browser = await launchBrowser(chromium);
});

t.after(async () => {
  await browser?.close();
});

t('the checks themselves find what they must: a 40 % page, a word split in a narrow column, a cell cut off, a table wider than the page or its box', async () => {
  if (!browser || !chromium) return;
  // 267 mm of text height on A4 (297 − 16 − 14 mm of margins): the first page inked over 40 % of it, the second over all
  const html = `<!doctype html><html><head><style>@page { size: A4; } body { margin: 0; } div { background: #000; }</style></head><body>
<div style="height: ${Math.round(267 * 0.4)}mm"></div><div style="break-before: page; height: 265mm"></div></body></html>`;
  const printer = await PdfPrinter.launch({ executablePath: chromium });
  try {
    const dir = await tempDir('svreport-layout-self-');
    const pdf = join(dir, 'two.pdf');
    await writeFile(pdf, await printer.print(html, { format: 'A4', landscape: false, headerTitle: '', periodLabel: '' }));
    const [first, second] = inkedShare(pdf);
    assert.ok(Math.abs(first - 0.4) < 0.03, `first page ${first}`);
    assert.ok(second > 0.97, `second page ${second}`);
  } finally {
    await printer.close();
  }
  const bad = `<!doctype html><html><body><div class="page">
<table><tr><td style="width: 30px; overflow-wrap: anywhere">Supercalifragilistic</td></tr></table>
<table style="table-layout: fixed; width: 60px"><tr><td style="white-space: nowrap; overflow: hidden">cut off on the right</td></tr></table>
<table style="width: ${TEXT_WIDTH_PX + 200}px"><tr><td>wide</td></tr></table>
<div class="col" style="width: 100px"><table style="width: 300px"><tr><td>spills</td></tr></table></div></div></body></html>`;
  const kinds = new Set((await layoutProblems(browser, bad)).map((p) => p.kind));
  assert.equal([...kinds].sort(), ['cell-overflow', 'wider-than-box', 'wider-than-page', 'word-split']);
});

t('no page is more than half empty, other than the last of a section (or of the cover)', () => {
  const failures: string[] = [];
  for (const r of built) {
    const shares = inkedShare(r.pdf);
    const starts = sectionStarts(pageTexts(r.pdf));
    assert.ok(starts.size >= 5, `${r.name}: the sections are found on their pages (${[...starts].join(' ')})`);
    // a section ends on the page before the next one starts; the cover before the first section
    const lastPages = new Set([...[...starts.values()].map((p) => p - 1), shares.length]);
    shares.forEach((share, i) => {
      if (share < 0.5 && !lastPages.has(i + 1)) failures.push(`${r.name}: page ${i + 1} of ${shares.length} is ${Math.round((1 - share) * 100)} % empty`);
    });
  }
  assert.is(failures.join('\n'), '', failures.join('\n'));
});

t('every table column is at least as wide as its longest word; nothing is wider than its cell, its box or the page', async () => {
  if (!browser) return;
  const failures: string[] = [];
  for (const r of built) {
    for (const p of await layoutProblems(browser, r.html)) failures.push(`${r.name}: ${p.kind}: ${p.where}`);
  }
  assert.is(failures.slice(0, 30).join('\n'), '', `${failures.length} problem(s):\n${failures.slice(0, 30).join('\n')}`);
});

t('the cover: title, period with its dates, KPIs (with their changes), key findings, and a table of contents whose page numbers are where the sections start', () => {
  for (const r of built) {
    const texts = pageTexts(r.pdf);
    const cover = texts[0];
    for (const words of ['Short-video performance report', 'Period', 'Videos in scope', 'Total views', 'Key findings', 'Contents']) assert.ok(cover.includes(words), `${r.name}: the cover shows ${words}`);
    // the contents as pdftotext reads them: "01", the title, the page, each alone on its line
    const toc = new Map([...cover.matchAll(/\n(\d\d)\n\n([^\n]+)\n\n(\d+)\n/g)].map((m) => [m[2], Number(m[3])]));
    const starts = sectionStarts(texts);
    assert.is(toc.size, starts.size, `${r.name}: one entry per section (${[...toc.keys()].join(', ')})`);
    for (const s of SECTIONS) {
      if (!starts.has(s.id)) continue;
      assert.is(toc.get(s.title), starts.get(s.id), `${r.name}: "${s.title}" is listed on page ${toc.get(s.title)} and starts on page ${starts.get(s.id)}`);
    }
  }
  // the week's dates next to its label, on the cover and in every page's header
  const week = built.find((r) => r.name === 'one week')!;
  const texts = pageTexts(week.pdf);
  assert.ok(texts[0].includes('Compared with'), 'the comparison period is named');
  assert.ok(/▲|▼/.test(texts[0]), 'the KPIs show their changes');
  for (const [i, t] of texts.entries()) assert.ok(t.includes('2025-W34 (18-24 Aug 2025)'), `page ${i + 1} header`);
});

t('a small scope makes a short PDF: 16 videos print on fewer than 10 pages, their sections one after another', () => {
  const studio = built.find((r) => r.name === '16-video studio');
  if (!studio) return;
  const pages = inkedShare(studio.pdf).length;
  assert.ok(pages < 10, `${pages} pages`);
  assert.ok(studio.html.includes('class="theme-light print-flow"'));
  assert.ok(built[0].html.includes('<html lang="en" class="theme-light">'), 'the 3,000-video sample keeps a page per section');
});

t('no figure twice: the tiers by median engagement rate are drawn by the Segments section only, and every chart title is unique', () => {
  for (const r of built) {
    assert.ok(r.html.includes('Median engagement rate by performance tier'), `${r.name}: the segment chart is there`);
    assert.not.ok(r.html.includes('id="fig-overview-tier-engagement"'), `${r.name}: not in the overview too`);
    const titles = [...r.html.matchAll(/<figure class="chart[^"]*" id="(fig-[^"]+)"/g)].map((m) => m[1]);
    assert.is(new Set(titles).size, titles.length, `${r.name}: ${titles.join(' ')}`);
  }
});

t('the print preview: chosen columns under human headers, titles cut with the whole title kept in the HTML', () => {
  const studio = built.find((r) => r.name === '16-video studio');
  if (!studio) return;
  const print = /<div class="print-only">([\s\S]*?)<\/div>/.exec(studio.html)![1];
  assert.equal([...print.matchAll(/<th scope="col"[^>]*>([^<]*)<\/th>/g)].map((m) => m[1]), ['Title', 'Published', 'Views', 'Engagement rate', 'Tier']);
  // 60 graphemes and an ellipsis on paper, the whole title in the cell's title and in the screen table
  const whole = 'Clip number 1: how we shot a whole week of content in one afternoon, part 1';
  assert.ok(print.includes(`title="${whole}"><bdi>${whole.slice(0, 60)}…</bdi>`), print.slice(0, 600));
  assert.ok(/<div class="screen-only">[\s\S]*?Video title[\s\S]*?Clip number 1: how we shot a whole week of content in one afternoon, part 1</.test(studio.html));
  assert.not.ok(/Memory estimate/.test(studio.html), 'the memory estimate is off the section front');
});

t.run();
