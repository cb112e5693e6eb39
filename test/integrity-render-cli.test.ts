// Issue #19, items 8-11 and 13 (the render side), through the real CLI (`node bin/svreport.js`)
// on CSVs written here: undrawable characters as placeholders (and the script gate on both
// sides), huge cells cut for display (bounded report.html, a PDF of normal length), isolated
// bidi values in the real HTML, split folders that belong to one exact value, empty splits.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { resolveBrowserExecutable } from '../src/output/browser.ts';
import { GlyphCoverage, installedGlyphs, PLACEHOLDER, pdfPages } from '../src/output/fonts.ts';
import { shortHash } from '../src/output/names.ts';
import { tempDir } from './helpers/tmp.ts';
import { runCli, type CliRun } from './helpers/cli.ts';

let chromium: string | null = null;
try {
  chromium = resolveBrowserExecutable({}).path;
} catch {
  chromium = null;
}

function cli(cwd: string, args: string[]): Promise<CliRun> {
  const env: NodeJS.ProcessEnv = { SOURCE_DATE_EPOCH: '1767225600' };
  if (chromium) env.PUPPETEER_EXECUTABLE_PATH = chromium;
  return runCli(args, cwd, env, 120_000);
}

const cell = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);
const HEADER = ['title', 'creator', 'platform', 'category', 'country', 'views', 'likes', 'comments', 'shares', 'publish_date', 'duration_sec'];
/** One video per entry; views fall with the index so rankings follow the list. */
function csv(videos: { title: string; creator: string; category?: string; views?: number; date?: string }[]): string {
  const lines = videos.map((v, i) =>
    [v.title, v.creator, 'TikTok', v.category ?? 'Comedy', 'US', String(v.views ?? 100_000 - i * 100), '500', '20', '10', v.date ?? `2025-01-${String(1 + (i % 28)).padStart(2, '0')}`, '30'].map(cell).join(','),
  );
  return [HEADER.join(','), ...lines].join('\n') + '\n';
}

async function workspace(files: Record<string, string>): Promise<string> {
  const dir = await tempDir('svreport-integrity-render-');
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

const json = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8'));

// ---------------------------------------------------------------------------
const hostile = suite('hostile text: placeholders, cut cells, isolated values (real HTML and PDF)');

const RLO_CREATOR = 'كريم\u202e';
const LONG_TITLE = 'Long title ' + 'x'.repeat(500_000);
const EMOJI_TITLE = '🫩😀'.repeat(120_000); // ~960 KB of UTF-8, under the 1 MiB record cap
const glyphs = installedGlyphs();
const newEmojiUndrawable = glyphs.undrawable(0x1fae9); // U+1FAE9 is newer than many emoji fonts

hostile('a build with 30 huge titles, undrawable characters and a U+202E creator succeeds, bounded, and counts what it replaced', async () => {
  const videos: Parameters<typeof csv>[0] = [];
  // 25 videos of the RLO creator with the same views: the most consistent creator, 25.8K views each
  for (let i = 0; i < 25; i++) videos.push({ title: `steady ${i}`, creator: RLO_CREATOR, views: 25_800 });
  for (let i = 0; i < 30; i++) videos.push({ title: i % 2 ? EMOJI_TITLE : LONG_TITLE, creator: `big ${i % 5}`, views: 90_000 + i });
  videos.push({ title: 'private use \ue000', creator: 'pua' }); // 1 cell, 1 character
  videos.push({ title: 'unassigned \u0378 and \ufffe', creator: 'gap' }); // 1 cell, 2 characters
  videos.push({ title: 'new emoji \u{1fae9}', creator: 'nova', category: 'Gaming\ue001' }); // title: 1 if the font lacks it; category: 1 cell, 1 character
  for (let i = 0; i < 20; i++) videos.push({ title: `filler ${i}`, creator: `filler ${i % 4}`, views: 1_000 + i * 10 });
  const dir = await workspace({
    'data.csv': csv(videos),
    'c.yaml': 'input: { path: data.csv }\noutput: { dir: "out/{report}" }\nsections: { explorer: { previewRows: 60 } }\n',
  });
  const formats = chromium ? 'html,pdf,json' : 'html,json';
  const run = await cli(dir, ['build', '--config', 'c.yaml', '--format', formats]);
  assert.is(run.code, 0, run.stderr);

  // metrics.json: every cell in scope with an undrawable character, counted by hand above
  const m = json(path.join(dir, 'out/report/metrics.json'));
  const u = m.explorer.dataQuality.undrawable;
  // 30 emoji titles: U+1FAE9 (x120,000 each) where the font lacks it
  const emojiCells = newEmojiUndrawable ? 15 + 1 : 0;
  const emojiChars = newEmojiUndrawable ? 15 * 120_000 + 1 : 0;
  assert.is(u.cells, 3 + emojiCells);
  assert.is(u.characters, 4 + emojiChars);
  assert.is(u.fontsChecked, glyphs.fontsChecked);
  // the first five in scope order, column by column: the emoji titles come first where they count
  assert.equal(
    u.examples.map((x: { column: string; codePoints: string[] }) => [x.column, x.codePoints]),
    newEmojiUndrawable
      ? Array(5).fill(['title', ['U+1FAE9']])
      : [['title', ['U+E000']], ['title', ['U+0378', 'U+FFFE']], ['category', ['U+E001']]],
  );
  // full text stays in metrics.json
  const titles = m.explorer.preview.rows.map((r: unknown[]) => r[m.explorer.preview.columns.indexOf('title')]);
  assert.ok(titles.includes(LONG_TITLE), `the 500k title, whole (${titles.map((t: string) => t.length)})`);

  // report.html: bounded whatever the cells (the code before wrote 40 MB for 30 such rows)
  const htmlFile = path.join(dir, 'out/report/report.html');
  const size = fs.statSync(htmlFile).size;
  assert.ok(size < 2 * 1024 * 1024, `report.html is ${size} bytes`);
  const html = fs.readFileSync(htmlFile, 'utf8');
  assert.ok(html.includes(`Long title ${'x'.repeat(189)}…`), 'the long title cut to 200 graphemes, with an ellipsis');
  assert.not.ok(html.includes('x'.repeat(200)));
  assert.ok(html.includes(`private use ${PLACEHOLDER}`));
  assert.ok(html.includes(`unassigned ${PLACEHOLDER} and ${PLACEHOLDER}`));
  assert.ok(html.includes(`Gaming${PLACEHOLDER}`), 'a category (and its chart label) too');
  assert.not.ok(/[\ue000\u0378\ufffe]/u.test(html), 'no undrawable character is left in the HTML');
  if (newEmojiUndrawable) assert.not.ok(html.includes('\u{1fae9}'));
  assert.match(html, new RegExp(`${3 + emojiCells} cells hold ${(4 + emojiChars).toLocaleString('en-US')} characters that no installed font can draw, shown as ${PLACEHOLDER}`));
  // bidi: the U+202E creator is isolated inside the finding; the figures after it are outside its isolate
  assert.ok(
    html.includes(`<bdi>${RLO_CREATOR}</bdi> has the most consistent views: a coefficient of variation of 0.00 across 25 videos, with a median of 25.8K views.`),
    'the consistent-creator finding isolates the name',
  );
  assert.match(html, new RegExp(`<bdi class="name">${RLO_CREATOR}</bdi>`), 'the top-5 card');
  assert.ok(html.includes(`\u2068${RLO_CREATOR}\u2069 `), 'the leaderboard chart description (aria-label)');

  if (chromium) {
    const pdf = fs.readFileSync(path.join(dir, 'out/report/report.pdf'));
    const pages = await pdfPages(pdf);
    assert.ok(pages !== null && pages >= 6 && pages <= 40, `${pages} pages (the code before printed 1,452 for one emoji title)`);
    assert.match(run.stderr, new RegExp(`warning: Report "report": ${3 + emojiCells} cell\\(s\\) show ${PLACEHOLDER}`));
    // as printed: the words and figures after the U+202E creator read left to right
    const text = spawnSync('pdftotext', [path.join(dir, 'out/report/report.pdf'), '-'], { encoding: 'utf8', maxBuffer: 64 << 20 });
    if (text.status === 0) assert.ok(text.stdout.includes('has the most consistent views: a coefficient of variation of 0.00 across 25 videos, with a median of 25.8K views.'), 'not "8.52K"');
  }
});
hostile.run();

// ---------------------------------------------------------------------------
const gate = suite('the font gate: a script used widely with no font fails, a few characters of it do not');

/** A character of a script no installed font covers at all (scripts newer than the fonts), or null. */
function scriptWithoutFont(): { ch: string; script: string } | null {
  for (const cp of [0x16d43, 0x11bc1, 0x105c1, 0x11381, 0x1e5d1, 0x10d51, 0x16101]) {
    const ch = String.fromCodePoint(cp);
    if (!glyphs.undrawable(cp) || GlyphCoverage.neverDrawable(cp)) continue;
    const [found] = glyphs.scriptsWithoutFont([ch]);
    if (found) return { ch, script: found.script };
  }
  return null;
}

gate('widely: every title in the script -> exit 4 naming it, nothing written; a few names in it -> placeholders, exit 0', async () => {
  const missing = scriptWithoutFont();
  if (!chromium || !missing) return console.log(`  skipped: ${chromium ? 'every script here has a font' : 'no chromium'}`);
  const word = missing.ch.repeat(8);
  const wide = await workspace({
    'data.csv': csv(Array.from({ length: 30 }, (_, i) => ({ title: `${word} ${word} ${i}`, creator: `c${i % 3}` }))),
    'c.yaml': 'input: { path: data.csv }\noutput: { dir: "out/{report}" }\n',
  });
  const failed = await cli(wide, ['build', '--config', 'c.yaml', '--format', 'html,pdf,json']);
  assert.is(failed.code, 4, failed.stderr);
  const errors = failed.stderr.split('\n').filter((l) => l.startsWith('svreport: error: '));
  assert.is(errors.length, 1, failed.stderr);
  assert.match(errors[0], `no installed font draws the ${missing.script} script`);
  assert.match(errors[0], /install a font for it/);
  assert.not.ok(fs.existsSync(path.join(wide, 'out/report')), 'no snapshot from a report that prints as boxes');

  // the same script in one creator's name among 40 Latin videos: well under 5% of the text shown
  const few = await workspace({
    'data.csv': csv(Array.from({ length: 40 }, (_, i) => ({ title: `A perfectly ordinary title number ${i}`, creator: i === 0 ? missing.ch.repeat(3) : `creator ${i % 5}` }))),
    'c.yaml': 'input: { path: data.csv }\noutput: { dir: "out/{report}" }\n',
  });
  const ok = await cli(few, ['build', '--config', 'c.yaml', '--format', 'html,pdf,json']);
  assert.is(ok.code, 0, ok.stderr);
  assert.ok(fs.existsSync(path.join(few, 'out/report/report.pdf')));
  assert.is(json(path.join(few, 'out/report/metrics.json')).explorer.dataQuality.undrawable.characters, 3);
  assert.ok(fs.readFileSync(path.join(few, 'out/report/report.html'), 'utf8').includes(PLACEHOLDER.repeat(3)));
});
gate.run();

// ---------------------------------------------------------------------------
const folders = suite('split folders: one exact value, one folder, every week');

const LOOK = 'Zoe\u0308'; // renders as Zoë, but is not the NFC Zoë
const CJK = '長い名前のクリエイター'.repeat(12); // 132 characters, 396 bytes
const SHARED = 'n'.repeat(90);
const HINDI = 'राहुल';

function week(counts: Record<string, number>): string {
  const videos: Parameters<typeof csv>[0] = [];
  for (const [creator, n] of Object.entries(counts)) for (let i = 0; i < n; i++) videos.push({ title: `${creator.slice(0, 5)} ${i}`, creator, date: '2025-01-06' });
  return csv(videos);
}

folders('a look-alike never takes a folder, long and sharing names fit, marks survive; ids are the same the next week', async () => {
  const config = 'input: { path: data.csv }\nsplitBy: creator\noutput: { dir: "out/{report}-{period}", formats: [json] }\n';
  const first = { Zoë: 3, [LOOK]: 1, [CJK]: 1, [`${SHARED}A`]: 1, [`${SHARED}B`]: 1, [HINDI]: 1 };
  const dir = await workspace({ 'data.csv': week(first), 'c.yaml': config });
  const run1 = await cli(dir, ['build', '--config', 'c.yaml', '--json']);
  assert.is(run1.code, 0, run1.stderr);
  const byValue = (out: string) => {
    const map = new Map<string, string>();
    for (const r of JSON.parse(out).reports as { dir: string }[]) {
      const m = json(path.join(dir, r.dir, 'metrics.json'));
      map.set(m.scope.filters.creator[0], path.basename(r.dir));
    }
    return map;
  };
  const one = byValue(run1.stdout);
  assert.is(one.size, 6);
  assert.is(one.get('Zoë'), 'report-Zoë-2025-01-06');
  assert.is(one.get(LOOK), `report-Zoë--${shortHash(LOOK)}-2025-01-06`);
  assert.is(one.get(HINDI), `report-${HINDI}-2025-01-06`, 'vowel signs kept');
  assert.is.not(one.get(`${SHARED}A`), one.get(`${SHARED}B`));
  for (const name of one.values()) assert.ok(Buffer.byteLength(name) <= 200, `${name}: ${Buffer.byteLength(name)} bytes`);

  // the next week the look-alike has more videos: every value keeps its folder
  fs.writeFileSync(path.join(dir, 'data.csv'), week({ ...first, Zoë: 1, [LOOK]: 4 }));
  const run2 = await cli(dir, ['build', '--config', 'c.yaml', '--json']);
  assert.is(run2.code, 0, run2.stderr);
  assert.equal([...byValue(run2.stdout)].sort(), [...one].sort());
  assert.is(json(path.join(dir, 'out', one.get('Zoë')!, 'metrics.json')).overview.videos, 1, 'Zoë\'s folder holds Zoë\'s one video');
});
folders.run();

// ---------------------------------------------------------------------------
const empty = suite('splitBy with a filter that matches nothing');

empty('an entry that splits into nothing is a warning naming it; a run with no report at all exits 3', async () => {
  const data = csv([{ title: 'a', creator: 'ana' }, { title: 'b', creator: 'bo' }]);
  const config = (reports: string) => `input: { path: data.csv }\nsplitBy: creator\n${reports}output: { dir: "out/{report}", formats: [json] }\n`;
  const dir = await workspace({
    'data.csv': data,
    'some.yaml': config('reports:\n  - { id: all }\n  - { id: ghost, filters: { creator: [nobody] } }\n'),
    'none.yaml': config('reports:\n  - { id: ghost, filters: { creator: [nobody] } }\n'),
  });
  const some = await cli(dir, ['build', '--config', 'some.yaml', '--json']);
  assert.is(some.code, 0, some.stderr);
  const summary = JSON.parse(some.stdout);
  assert.equal(summary.reports.map((r: { id: string }) => r.id), ['all-ana', 'all-bo']);
  const warning = 'report "ghost": splitBy creator gives no report: no creator of the input is one of filters.creator ("nobody")';
  assert.ok(summary.warnings.includes(warning), summary.warnings.join('\n'));
  assert.ok(some.stderr.includes(`warning: ${warning}`), some.stderr);

  const none = await cli(dir, ['build', '--config', 'none.yaml', '--out', 'none', '--json']);
  assert.is(none.code, 3, none.stderr);
  const errors = none.stderr.split('\n').filter((l) => l.startsWith('svreport: error: '));
  assert.equal(errors, ['svreport: error: splitBy: creator gives no report at all: no value of the creator column passes the filters of "ghost".']);
  assert.is(JSON.parse(none.stdout).ok, false);
  assert.not.ok(fs.existsSync(path.join(dir, 'none')), 'nothing written');
});
empty.run();
