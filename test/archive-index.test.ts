// The archive page: only svreport's own snapshots (hostile, foreign, damaged and oversized
// manifests, symlink loops), a bounded page whatever the manifests hold, and per report its
// snapshots newest first with the KPIs of the manifests and a trend with a text alternative.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { open, readFile, readdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { scanArchive, archivedSnapshot, clipText, KPI_KEYS, TEXT_LIMITS, WALK_LIMITS } from '../src/output/archive.ts';
import { renderIndex, writeIndex, dayRange, sparkline, PALETTE, PAGE_LIMITS } from '../src/output/index.ts';
import { MAX_MANIFEST_BYTES, parseOwnManifest } from '../src/output/owned.ts';
import { tempDir } from './helpers/tmp.ts';
import { AS_OF, WEEKS, folder, manifestText, svreport, weeklyConfig, weeklyCsv } from './helpers/archive.ts';

const OPTS = { theme: 'light' as const, generatedAt: '2026-01-12T00:00:00Z' };

/** The page's report sections: heading text and, per table row, the period and each KPI's data value. */
function sections(html: string) {
  return html.split('<section class="report"').slice(1).map((part) => ({
    heading: /<h2[^>]*>(.*?)<\/h2>/s.exec(part)![1],
    rows: [...part.matchAll(/<tr><th scope="row"[^>]*><bdi>([^<]*)<\/bdi>.*?<\/tr>/gs)].map((m) => ({
      period: m[1],
      values: [...m[0].matchAll(/<td class="n"[^>]*>(?:<data value="([^"]*)">)?/g)].map((v) => (v[1] === undefined ? null : Number(v[1]))),
    })),
    sparklines: [...part.matchAll(/<svg [^>]*role="img" aria-label="([^"]*)"/g)].map((m) => m[1]),
  }));
}

// ---
const page = suite('archive page of six weekly runs');
let out = '';
page.before(async () => {
  const dir = await tempDir('svreport-archive-');
  await writeFile(join(dir, 'videos.csv'), weeklyCsv());
  await writeFile(join(dir, 'report.config.yaml'), weeklyConfig());
  for (const asOf of AS_OF) {
    const r = svreport(dir, ['build', '--as-of', asOf]);
    assert.is(r.code, 0, r.stderr);
  }
  out = join(dir, 'out');
});
page('one section per report, snapshots newest first, KPI values equal to the manifests', async () => {
  const html = await readFile(join(out, 'index.html'), 'utf8');
  const found = sections(html);
  assert.is(found.length, 2);
  assert.match(found[0].heading, /^<bdi>All platforms<\/bdi><span class="id"><bdi>all<\/bdi><\/span>$/);
  assert.match(html, /2 report\(s\) · 12 snapshot\(s\), newest first\./);
  for (const [i, id] of ['all', 'tiktok'].entries()) {
    assert.equal(found[i].rows.map((r) => r.period), [...WEEKS].reverse());
    for (const row of found[i].rows) {
      const manifest = JSON.parse(await readFile(join(out, id, row.period, 'manifest.json'), 'utf8'));
      assert.equal(row.values, KPI_KEYS.map((k) => manifest.kpis[k]), `${id} ${row.period}`);
    }
  }
  // by hand (test/helpers/archive.ts): week k has k videos of 100·k views, tiktok the odd ones
  const col = (i: number, kpi: string) => found[i].rows.map((r) => r.values[KPI_KEYS.indexOf(kpi as never)]).reverse();
  assert.equal(col(0, 'videos'), [1, 2, 3, 4, 5, 6]);
  assert.equal(col(0, 'totalViews'), [100, 400, 900, 1600, 2500, 3600]);
  assert.equal(col(1, 'videos'), [1, 1, 2, 2, 3, 3]);
  assert.equal(col(1, 'totalViews'), [100, 200, 600, 800, 1500, 1800]);
  assert.equal(col(0, 'medianEngagementRate'), [0.1, 0.1, 0.1, 0.1, 0.1, 0.1]);
});
page('each KPI has a trend whose text alternative gives the first and last values', async () => {
  const found = sections(await readFile(join(out, 'index.html'), 'utf8'));
  assert.equal(found[0].sparklines, [
    'Videos across 6 snapshots: first 1 (2025-W49), last 6 (2026-W02)',
    'Total views across 6 snapshots: first 100 (2025-W49), last 3.6K (2026-W02)',
    'Median engagement across 6 snapshots: first 10.00% (2025-W49), last 10.00% (2026-W02)',
    'Median views across 6 snapshots: first 100 (2025-W49), last 600 (2026-W02)',
    found[0].sparklines[4], // the high-viral share follows the score quantiles; its shape is checked below
  ]);
  assert.match(found[0].sparklines[4], /^High viral potential across 6 snapshots: first \d+(\.\d)?% \(2025-W49\), last \d+(\.\d)?% \(2026-W02\)$/);
  assert.is(found[1].sparklines[1], 'Total views across 6 snapshots: first 100 (2025-W49), last 1.8K (2026-W02)');
});
page('a hostile title is escaped; nothing but data: and inline content; the CSP stays first', async () => {
  const html = await readFile(join(out, 'index.html'), 'utf8');
  const tiktok = sections(html)[1];
  assert.is(tiktok.heading, '<bdi>TikTok &#60;b&#62;&#34;weekly&#34;&#60;/b&#62; &#38; &#39;co&#39; \u202Eevil</bdi><span class="id"><bdi>tiktok</bdi></span>');
  assert.not.match(html, /<b>|<script|https?:|file:|src=|url\(/i);
  assert.match(html, /^<!doctype html>\n<html lang="en">\n<head>\n<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'; font-src data:">/);
});
page.run();

// ---
const hostile = suite('hostile manifests under the output root');
hostile('only own snapshots are listed; the page stays small; a symlink loop ends', async () => {
  const root = await tempDir('svreport-hostile-');
  const out = join(root, 'out');
  await folder(join(out, 'good'), { 'manifest.json': manifestText({ report: { id: 'good', title: 'Good one' } }), 'report.html': 'x' });
  // 400 MB on paper, sparse on disk: an own-looking start, then a hole
  const big = await folder(join(out, 'big'), { 'manifest.json': manifestText({ report: { id: 'big', title: 'Big' } }).slice(0, -1) + ',"pad":"' });
  const fh = await open(join(big, 'manifest.json'), 'r+');
  await fh.truncate(400 * 1024 * 1024);
  await fh.close();
  // one byte over the cap, valid JSON and our generator name
  const over = manifestText({ report: { id: 'over', title: 'Over' }, pad: '' });
  await folder(join(out, 'over'), { 'manifest.json': over.replace('"pad":""', `"pad":"${'x'.repeat(MAX_MANIFEST_BYTES - over.length + 1)}"`) });
  // a million files listed (17 MB), and 65 listed (under the size cap but not our shape)
  const million = Array.from({ length: 1e6 }, (_, i) => ({ name: `f${i}` }));
  await folder(join(out, 'million'), { 'manifest.json': manifestText({ report: { id: 'million', title: 'M' }, files: million }) });
  await folder(join(out, 'many'), { 'manifest.json': manifestText({ report: { id: 'many', title: 'M' }, files: million.slice(0, 65) }) });
  await folder(join(out, 'foreign'), { 'manifest.json': manifestText({ generator: { name: 'other-tool', version: '1' }, report: { id: 'foreign', title: 'F' } }) });
  await folder(join(out, 'damaged'), { 'manifest.json': manifestText({ report: { id: 'damaged', title: 'D' } }).slice(0, 200) });
  await folder(join(out, 'notjson'), { 'manifest.json': Buffer.from([0xff, 0xfe, 0x00, 0x7b]) });
  await folder(join(out, 'array'), { 'manifest.json': '[1,2,3]' });
  // a manifest that is a symlink to an own one, a folder that loops, a link to the root
  await folder(join(out, 'linked'), {});
  await symlink(join(out, 'good', 'manifest.json'), join(out, 'linked', 'manifest.json'));
  await folder(join(out, 'loop/a'), {});
  await symlink(join(out, 'loop'), join(out, 'loop/a/again'));
  await symlink(out, join(out, 'root-again'));
  // a long title just under the cap: listed, clipped
  const long = manifestText({ report: { id: 'long', title: '<' + '\u{1F680}'.repeat(50_000) } });
  assert.ok(long.length < MAX_MANIFEST_BYTES && Buffer.byteLength(long) > 150_000);
  await folder(join(out, 'long'), { 'manifest.json': long, 'report.html': 'x' });

  const used = () => process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
  const before = used();
  const scan = await scanArchive(out);
  assert.equal(scan.snapshots.map((s) => s.id).sort(), ['good', 'long']);
  assert.is(scan.truncated, false);
  const path = await writeIndex(out, OPTS);
  const html = await readFile(path, 'utf8');
  assert.ok(html.length < 40_000, `index.html has ${html.length} characters`);
  assert.ok(used() - before < 64 * 1024 * 1024, 'the scan did not read the planted files whole');
  const titles = sections(html).map((s) => s.heading);
  assert.is(titles.length, 2);
  assert.is(titles[0], '<bdi>Good one</bdi><span class="id"><bdi>good</bdi></span>');
  assert.ok(titles[1].startsWith('<bdi>&#60;\u{1F680}\u{1F680}') && titles[1].includes('…</bdi>'));
  assert.is([...titles[1].matchAll(/\u{1F680}/gu)].length, TEXT_LIMITS.title - 1);
  for (const id of ['big', 'over', 'million', 'many', 'foreign', 'damaged', 'linked']) assert.not.match(html, new RegExp(`href="${id}/`), id);
});
hostile('the real CLI writes a small index beside planted oversized manifests', async () => {
  const dir = await tempDir('svreport-hostile-');
  await writeFile(join(dir, 'videos.csv'), weeklyCsv());
  await writeFile(join(dir, 'report.config.yaml'), weeklyConfig());
  // valid, our generator, a title of 300 KB: listed whole, it made the page that large
  await folder(join(dir, 'out/all/2020-W01'), { 'manifest.json': manifestText({ report: { id: 'all', title: `Planted ${'<'.repeat(300_000)}` } }) });
  const big = await folder(join(dir, 'out/all/2020-W02'), { 'manifest.json': manifestText({ report: { id: 'all', title: 'Planted' } }).slice(0, -1) + ',"pad":"' });
  const fh = await open(join(big, 'manifest.json'), 'r+');
  await fh.truncate(400 * 1024 * 1024); // sparse: 400 MB to stat, nothing on disk
  await fh.close();
  const r = svreport(dir, ['build', '--as-of', AS_OF[5]]);
  assert.is(r.code, 0, r.stderr);
  const html = await readFile(join(dir, 'out/index.html'), 'utf8');
  assert.ok(html.length < 40_000, `index.html has ${html.length} characters`);
  assert.not.match(html, /Planted|2020-W0/);
  assert.equal(sections(html).map((s) => s.rows.map((row) => row.period)), [[WEEKS[5]], [WEEKS[5]]]);
  assert.equal((await readdir(join(dir, 'out/all'))).sort(), ['2020-W01', '2020-W02', WEEKS[5]]); // left as they were
});
hostile('the walk stops at its limits and the page says so', async () => {
  const root = await tempDir('svreport-hostile-');
  for (let i = 0; i < 12; i++) await folder(join(root, `r${String(i).padStart(2, '0')}`), { 'manifest.json': manifestText({ report: { id: `r${i}`, title: 'R' } }) });
  const scan = await scanArchive(root, { ...WALK_LIMITS, folders: 6 });
  assert.is(scan.snapshots.length, 5); // the root and five folders
  assert.ok(scan.truncated);
  assert.match(renderIndex(scan, OPTS), /more folders than this page looks through; some snapshots may be missing/);
  const wide = await scanArchive(root, { ...WALK_LIMITS, entriesPerFolder: 10 });
  assert.ok(wide.truncated);
  const deep = await tempDir('svreport-hostile-');
  await folder(join(deep, 'a/b/c/d/e'), { 'manifest.json': manifestText() });
  await folder(join(deep, 'a/b/c/d'), { 'manifest.json': manifestText() });
  assert.equal((await scanArchive(deep)).snapshots.map((s) => s.href), ['a/b/c/d']); // depth 4 is the last looked at
});
hostile.run();

// ---
const bounded = suite('renderIndex: bounded whatever the manifests hold');
bounded('3,000 snapshots of 3,000 reports with the longest texts: 500 listed, the page under 4 MB', () => {
  const huge = '<&"'.repeat(80_000); // 240,000 characters, each escaped to 5
  const m = parseOwnManifest(manifestText({ report: { id: 'x', title: huge }, period: { from: '2025-12-01', to: '2025-12-07', label: huge } }))!;
  const seg = '\u{1F680}'.repeat(60); // a 240-byte folder name, as deep as the walk goes
  const snapshots = Array.from({ length: 3000 }, (_, i) => {
    const own = { ...m, report: { id: `${huge.slice(0, 400)}${i}`, title: huge } };
    return archivedSnapshot(own, '/x', [seg, seg, seg, `${seg}${i}`].join('/'));
  });
  const html = renderIndex({ snapshots, truncated: false }, OPTS);
  assert.ok(html.length < 4 * 1024 * 1024, `${html.length} characters`);
  assert.is(sections(html).reduce((n, s) => n + s.rows.length, 0), PAGE_LIMITS.snapshots);
  assert.match(html, /2,500 older snapshot\(s\) are not listed: this page shows the 500 newest\./);
});
bounded('sparkline: oldest on the left, a gap where a snapshot has no value, the newest dotted', () => {
  // five weeks newest first; videos (oldest first) null, 10, 20, null, 30
  const weeks = [30, null, 20, 10, null].map((videos, i) =>
    archivedSnapshot(parseOwnManifest(manifestText({ period: { from: null, to: `2025-12-0${5 - i}`, label: `W${5 - i}` }, kpis: { videos } }))!, '/x', `w${5 - i}`));
  // x = 3 + i·154/4 -> 3, 41.5, 80, 118.5, 157; y from 10 (bottom, 29) to 30 (top, 3): 20 -> 16
  assert.is(sparkline(weeks, 'videos'),
    '<svg viewBox="0 0 160 32" role="img" aria-label="Videos across 5 snapshots: first 10 (W2), last 30 (W5)"><title>Videos across 5 snapshots: first 10 (W2), last 30 (W5)</title>' +
    '<path class="spark" d="M41.5 29L80 16M157 3"/><circle class="dot" cx="157" cy="3" r="2.5"/></svg>');
  assert.match(sparkline(weeks.slice(0, 1), 'videos'), /aria-label="Videos across 1 snapshot: 30 \(W5\) only"><title>[^<]*<\/title><circle class="dot" cx="80" cy="16" r="2.5"\/><\/svg>$/);
  assert.match(sparkline(weeks.slice(1, 2), 'videos'), /aria-label="Videos across 1 snapshot: no value"><title>[^<]*<\/title><\/svg>$/);
});
bounded('clipText: control characters as spaces, surrogate pairs kept whole, an ellipsis when cut', () => {
  assert.is(clipText('a\u0000b\nc', 10), 'a b c');
  assert.is(clipText('\u{1F680}\u{1F680}\u{1F680}', 2), '\u{1F680}\u{1F680}…');
  assert.is(clipText('abc', 3), 'abc'); // exactly the limit: nothing cut
  assert.is(clipText('abc  def', 4), 'abc…');
  assert.is(clipText(42, 3), '');
});
bounded('dayRange: one month, two months, two years', () => {
  assert.is(dayRange('2026-01-12', '2026-01-18'), '12–18 Jan 2026');
  assert.is(dayRange('2026-02-23', '2026-03-01'), '23 Feb – 1 Mar 2026');
  assert.is(dayRange('2025-12-29', '2026-01-04'), '29 Dec 2025 – 4 Jan 2026');
  assert.is(dayRange('2026-01-12', '2026-01-12'), '12 Jan 2026');
});
bounded.run();

// ---
const colours = suite('archive page colours');
/** WCAG 2 contrast ratio of two #rrggbb colours. */
function contrast(a: string, b: string): number {
  const lum = (hex: string) => {
    const [r, g, bl] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}
colours('text meets AA (4.5:1) and the trend line 3:1 on page and card, in both themes', () => {
  for (const [theme, p] of Object.entries(PALETTE)) {
    for (const bg of [p.page, p.card]) {
      for (const fg of [p.text, p.muted, p.link]) assert.ok(contrast(fg, bg) >= 4.5, `${theme}: ${fg} on ${bg} is ${contrast(fg, bg).toFixed(2)}`);
      assert.ok(contrast(p.line, bg) >= 3, `${theme}: line ${p.line} on ${bg}`);
    }
  }
  assert.is(contrast('#000000', '#ffffff').toFixed(1), '21.0');
});
colours('the page uses the palette of its theme', () => {
  const dark = renderIndex({ snapshots: [], truncated: false }, { ...OPTS, theme: 'dark' });
  assert.ok(dark.includes(`background:${PALETTE.dark.page}`) && dark.includes(`stroke:${PALETTE.dark.line}`));
  assert.match(dark, /<p>No snapshots yet\.<\/p>/);
});
colours.run();
