// The Momentum tab and the empty-period lines in the report's language, through the real CLI:
// a de-DE batch of the three weekly exports (test/helpers/weekly.ts). W24 (9-15 Jun 2025) has
// gains (figures worked out by hand in test/momentum-cli.test.ts: 107,680 views, 5,470 likes,
// 120 comments, 311 shares; the week before 216,450); W28 (7-13 Jul) has no video published in
// it and no export by its end, so Momentum and every other section say so in one German line.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cli } from './helpers/cli-run.ts';
import { weeklyExports } from './helpers/weekly.ts';

const CONFIG = `title: Weekly
input:
  path: exports/*.csv
locale: de-DE
compare: previous
reports:
  - { id: w24, period: { from: 2025-06-09, to: 2025-06-15 } }
  - { id: w28, period: { from: 2025-07-07, to: 2025-07-13 } }
  - { id: en24, locale: en-US, period: { from: 2025-06-09, to: 2025-06-15 } }
output:
  dir: out/{report}
  formats: [json, html, pdf]
`;

/** English words the Momentum tab and the empty lines print (data values are left out of the scan). */
const ENGLISH = [
  'Momentum', 'gained', 'Gained', 'Views', 'views', 'Likes gained', 'Comments', 'Shares gained', 'all videos', 'videos', 'video', 'published',
  'Top videos', 'Top creators', 'Exports', 'exports', 'File', 'Exported at', 'Used as', 'start of the period', 'end of the period', 'yes', 'no',
  'Engagement of the gains', 'with a gain', 'counted', 'Platform', 'needs', 'export', 'No video', 'period', 'by',
];

/** The panel of a section: its <section> element. */
function panel(html: string, id: string): string {
  const start = html.search(new RegExp(`<section class="panel[^"]*" id="${id}"`));
  assert.ok(start >= 0, `no panel ${id}`);
  return html.slice(start, html.indexOf('</section>', start));
}

/** The words a reader sees, without data values (<bdi>, dir="auto" cells: titles, file names). */
function ourText(html: string): string {
  return html
    .replace(/<bdi[^>]*>[\s\S]*?<\/bdi>/g, ' ')
    .replace(/<(td|dd|li|p)[^>]*dir="auto"[^>]*>[\s\S]*?<\/\1>/g, ' ')
    .replace(/<[^>]+>/g, '\n')
    .replace(/&[a-z#0-9]+;/g, ' ');
}

const leaks = (text: string) => ENGLISH.filter((w) => new RegExp(`(^|[^\\p{L}])${w}([^\\p{L}]|$)`, 'u').test(text));

let dir = '';
const html: Record<string, string> = {};
const t = suite('Momentum in German (CLI, three weekly exports)');

t.before(async () => {
  dir = await weeklyExports(CONFIG);
  const run = await cli(['build'], dir, { SOURCE_DATE_EPOCH: '1767225600' });
  assert.is(run.code, 0, run.stderr);
  for (const id of ['w24', 'w28', 'en24']) html[id] = await readFile(join(dir, `out/${id}/report.html`), 'utf8');
});

t('W24: the tab in German with German numbers', () => {
  const p = panel(html.w24, 'momentum');
  for (const w of [
    '>Zuwachs<', 'Zuwachs in 2025-W24 (9.–15. Juni 2025), alle Videos', 'Neue Aufrufe', 'Neue Likes', 'Neue Kommentare', 'Neue Shares',
    'title="107.680"', 'title="5.470"', 'ggü. 216.450', 'Engagement des Zuwachses: 5,48', '7 Videos mit Zuwachs, davon 1 im Zeitraum veröffentlicht',
    'Exporte, aus denen der Zuwachs stammt', 'Beginn des Zeitraums', 'Ende des Zeitraums', '8. Juni 2025, 00:00 UTC', 'Top-Videos',
    'Top 7 Videos nach neuen Aufrufen', 'Im Zeitraum veröffentlicht', '>ja<', '>nein<', '100.000',
  ]) assert.ok(p.includes(w), `${w} in the German tab`);
  assert.equal(leaks(ourText(p)), []);
  // 5,470 likes gained / 107,680 views gained = 5.08 %; with 120 + 311: (5470 + 120 + 311) / 107680 = 5.48 %
  assert.not.ok(p.includes('107,680'), 'no English grouping');
});

t('W24: the findings in German; the export has no creator or platform column, so those cells read n/a', () => {
  assert.ok(html.w24.includes('7 Videos gewannen 107.680 Aufrufe in 2025-W24 (9.–15. Juni 2025), −50,3\u00a0% gegenüber den 216.450 des Zeitraums davor'), 'momentum-gained');
  assert.ok(html.w24.includes('gewann die meisten Aufrufe: 100.000, 92,9\u00a0% aller neuen Aufrufe.'), 'momentum-top');
  const rows = [...panel(html.w24, 'momentum').matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) => [...m[1].matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((c) => c[1].replace(/<[^>]+>/g, '').trim()));
  const top = rows.filter((r) => r.length === 6);
  assert.is(top.length, 7);
  for (const r of top) assert.equal([r[2], r[3]], ['n/a', 'n/a'], String(r));
});

t('W28: the empty line and Momentum\'s own line in German, no English', () => {
  const line = 'In 2025-W28 (7.–13. Juli 2025) wurde kein Video veröffentlicht.';
  for (const id of ['overview', 'growth', 'creators', 'virality', 'segments']) assert.ok(panel(html.w28, id).includes(line), id);
  const p = panel(html.w28, 'momentum');
  assert.ok(p.includes('Der Zuwachs braucht einen Export bis zum Beginn von 2025-W28 (7.–13. Juli 2025) und einen späteren bis zu dessen Ende; die 3 Exporte stammen vom 1. Juni 2025 bis 15. Juni 2025.'), p);
  for (const id of ['overview', 'momentum']) assert.equal(leaks(ourText(panel(html.w28, id))), [], id);
});

t('the German PDF: the contents find every section by its German title (each with its page), Momentum as "Zuwachs"', () => {
  let text = '';
  try {
    text = execFileSync('pdftotext', ['-layout', join(dir, 'out/w24/report.pdf'), '-'], { encoding: 'utf8' });
  } catch {
    console.log('skipped: no pdftotext');
    return;
  }
  const contents = text.slice(text.indexOf('Inhalt'));
  const lines = [...contents.matchAll(/^(\d\d) +(\S.*?) {2,}(\d+)$/gm)].map((m) => [m[1], m[2], m[3]]);
  assert.equal(lines.map((l) => l[1]), ['Überblick', 'Wachstum & Timing', 'Creator & Inhalte', 'Viralitäts-Labor', 'Segmentvergleich', 'Zuwachs', 'Daten-Explorer']);
  const pages = lines.map((l) => Number(l[2]));
  assert.ok(pages.every((p, i) => p >= 2 && (i === 0 || p >= pages[i - 1])), String(pages));
});

t('the English report of the same week keeps its words (the scan sees them)', () => {
  const p = panel(html.en24, 'momentum');
  assert.ok(p.includes('Gained in 2025-W24 (9-15 Jun 2025) by all videos'));
  assert.ok(p.includes('7 videos with a gain, 1 of them published in the period (counted from 0).'));
  assert.ok(leaks(ourText(p)).length > 15);
});

t.run();
