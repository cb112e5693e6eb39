// The bundled sample through the real CLI in German, French, Spanish and a language without
// words (pt-BR), one report each in one batch: figures, dates, weekday names and words in the
// report's language, no English word left in the German HTML or PDF, the German email and
// archive page (the shared locale; each report may have its own), and
// metrics.json the same in every locale (it is a contract, locale-free).
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { simpleParser } from 'mailparser';
import { runCli } from './helpers/cli.ts';
import { tempDir } from './helpers/tmp.ts';

const ROOT = resolve(fileURLToPath(import.meta.url), '../..');
const SAMPLE = join(ROOT, 'data/sample.csv');
const SDE = { SOURCE_DATE_EPOCH: '1767225600' };
const NBSP = '\u00a0';
const NNBSP = '\u202f';

/** An integer grouped by threes with `sep`, written out here rather than asked of Intl. */
const grouped = (n: number, sep: string) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, sep);

const CONFIG = `title: Sample
input: { path: ${JSON.stringify(SAMPLE)} }
timezone: UTC
period: all
locale: de-DE
reports:
  - { id: de, delivery: { email: { to: [kunde@example.com] } } }
  - { id: fr, locale: fr-FR }
  - { id: es, locale: es-ES }
  - { id: br, locale: pt-BR }
  - { id: en, locale: en-US }
output: { dir: "out/{report}", formats: [html, pdf, json] }
delivery:
  email:
    to: [growth@example.com]
    from: "Reports <reports@example.com>"
    smtp: { host: 127.0.0.1, port: 2525 }
`;

/**
 * Words of the English report that must not appear in a German one, outside data values (each
 * in a <bdi> or a dir="auto" cell). "Median" and "Videos" are German words too, and "Creator",
 * "Likes" and "Shares" are the German product terms, so they are not listed.
 */
const ENGLISH = [
  'Views', 'views', 'Overview', 'Creators', 'Engagement rate', 'engagement rate', 'Growth', 'Segment comparison', 'Data explorer',
  'Virality', 'virality', 'Threshold', 'threshold', 'Platform', 'Period', 'Generated', 'Key findings', 'Duration', 'Weekday', 'Wednesday',
  'publish', 'average', 'of the total', 'above', 'below', 'No data', 'Top candidates', 'Rows', 'Column', 'Preview', 'per week',
  'Candidate', 'Baseline', 'Strong', 'High', 'Low', 'Score distribution', 'float', 'integer', 'mean', 'Quick snapshot', 'Posting windows', 'Content mix',
  'leaderboard', 'Leaderboard', 'How these numbers', 'Memory', 'Filtered rows', 'Data quality', 'log scale', 'points', 'count',
];

/**
 * The text a reader sees in the HTML (SVG text included), data values left out: besides the
 * isolated values, the preview's headers (the file's column names) and the column mapping (the
 * config's concept keys, `columns: { views: ... }`).
 */
function ourText(html: string): string {
  return html
    .replace(/<style>[\s\S]*?<\/style>/g, '')
    .replace(/<caption>(Erste \d+ Zeilen im Bericht|First \d+ rows in scope)<\/caption>\s*<thead>[\s\S]*?<\/thead>/g, ' ')
    .replace(/<caption>(Verwendete Spaltenzuordnung|Column mapping used)<\/caption>[\s\S]*?<\/table>/g, ' ')
    .replace(/<bdi[^>]*>[\s\S]*?<\/bdi>/g, ' ')
    .replace(/<(td|dd|li|p|h1)[^>]*dir="auto"[^>]*>[\s\S]*?<\/\1>/g, ' ')
    .replace(/<code[^>]*>[\s\S]*?<\/code>/g, ' ') // formulas: column names, not words
    .replace(/<[^>]+>/g, '\n')
    .replace(/&[a-z#0-9]+;/g, ' ');
}

const leaks = (text: string) => ENGLISH.filter((w) => new RegExp(`(^|[^\\p{L}])${w}([^\\p{L}]|$)`, 'u').test(text));

let dir = '';
const html: Record<string, string> = {};
const metrics: Record<string, Record<string, unknown>> = {};
let stderr = '';

const cli = suite('locale end to end');

cli.before(async () => {
  dir = await tempDir('svreport-locale-');
  await writeFile(join(dir, 'report.config.yaml'), CONFIG);
  const run = await runCli(['build'], dir, SDE, 240_000);
  assert.is(run.code, 0, run.stderr);
  stderr = run.stderr;
  for (const id of ['de', 'fr', 'es', 'br', 'en']) {
    html[id] = await readFile(join(dir, `out/${id}/report.html`), 'utf8');
    metrics[id] = JSON.parse(await readFile(join(dir, `out/${id}/metrics.json`), 'utf8'));
  }
});

cli('metrics.json is the same in every locale (but for the report id)', () => {
  const without = (m: Record<string, unknown>) => ({ ...m, report: null });
  for (const id of ['de', 'fr', 'es', 'br']) assert.equal(without(metrics[id]), without(metrics.en), id);
  assert.match(JSON.stringify(metrics.de.insights), /The best publish day is Wednesday/);
});

cli('German: html lang, 291 Mio., 291.099.690, 3.000, Mittwoch and German words', () => {
  const h = html.de;
  const total = (metrics.en.overview as { totalViews: number }).totalViews;
  assert.is(total, 291099690);
  assert.match(h, /<html lang="de-DE"/);
  assert.ok(h.includes(`<bdi>291${NBSP}Mio.</bdi>`), 'compact total views');
  assert.ok(h.includes(`title="${grouped(total, '.')}"`), 'the exact total, grouped with points');
  assert.ok(h.includes('<dd>3.000</dd>'), 'videos in scope');
  assert.ok(h.includes('Der beste Veröffentlichungstag ist Mittwoch'), 'the weekday finding');
  for (const w of ['Überblick', 'Wichtigste Erkenntnisse', 'Aufrufe gesamt', 'Engagement-Rate (Median)', 'Viralitäts-Score', 'Daten-Explorer', 'Erstellt', '1. Jan. 2026, 00:00 UTC']) {
    assert.ok(h.includes(w), w);
  }
  assert.ok(h.includes(`6,74${NBSP}%`), 'median engagement rate');
  assert.ok(h.includes('format(datum.value') === false, 'no Vega expression leaks into the page');
});

cli('no English word in the German HTML outside data values', () => {
  assert.equal(leaks(ourText(html.de)), []);
  // the check itself sees English: the English report trips it
  assert.ok(leaks(ourText(html.en)).length > 20);
});

cli('no English word in the German PDF\'s text either (data values aside)', () => {
  let text = '';
  try {
    text = execFileSync('pdftotext', ['-layout', join(dir, 'out/de/report.pdf'), '-'], { encoding: 'utf8' });
  } catch {
    console.log('skipped: no pdftotext');
    return;
  }
  assert.ok(text.includes('Wichtigste Erkenntnisse'));
  assert.ok(text.includes('Mittwoch'));
  assert.match(text, /Seite 2 von \d+/); // the page footer
  assert.not.match(text, /page \d+ of \d+/);
  // the cover's contents carry page numbers: the printer found the German section titles
  const contents = text.slice(text.indexOf('Inhalt'), text.indexOf('\f'));
  assert.match(contents, /Überblick\s+2\b/);
  assert.match(contents, /Daten-Explorer\s+\d+/);
  // the PDF's text holds the data too (titles, names); words that are only ours
  const ours = ['Overview', 'Key findings', 'Engagement rate', 'Total views', 'Data explorer', 'Virality score', 'Growth & timing', 'How these numbers'];
  assert.equal(ours.filter((w) => text.includes(w)), []);
});

cli('French and Spanish: their separators, weekday and words', () => {
  assert.match(html.fr, /<html lang="fr-FR"/);
  assert.ok(html.fr.includes(`title="${grouped(291099690, NNBSP)}"`), 'narrow no-break spaces group the total');
  assert.ok(html.fr.includes('Le meilleur jour de publication est le mercredi'));
  assert.ok(html.fr.includes('Vue d’ensemble'));
  assert.ok(html.fr.includes(`6,74${NBSP}%`));
  assert.match(html.es, /<html lang="es-ES"/);
  assert.ok(html.es.includes(`title="${grouped(291099690, '.')}"`));
  assert.ok(html.es.includes('El mejor día de publicación es el miércoles'));
  assert.ok(html.es.includes('Visualizaciones totales'));
});

cli('a language without words: English words, its own figures, one warning', () => {
  assert.match(html.br, /<html lang="en"/);
  assert.ok(html.br.includes('Key findings'));
  assert.ok(html.br.includes(`title="${grouped(291099690, '.')}"`), 'Brazilian grouping');
  assert.ok(html.br.includes('The best publish day is quarta-feira'), 'its weekday names');
  assert.match(stderr, /report "br": locale "pt-BR" has no word catalogue/);
  assert.not.match(stderr, /locale "(de-DE|fr-FR|es-ES|en-US)"/);
});

cli('the German email: German words, German figures, html lang', async () => {
  const mail = await simpleParser(await readFile(join(dir, 'out/de/message.eml')));
  const text = mail.text ?? '';
  for (const w of ['Zeitraum: ', 'Filter: keine (alle Videos des Zeitraums)', 'Wichtigste Kennzahlen', 'Aufrufe gesamt: 291\u00a0Mio.', 'Wichtigste Erkenntnisse', 'Anhänge', 'Erstellt von short-video-report']) {
    assert.ok(text.includes(w), `${w} in:\n${text}`);
  }
  assert.match(mail.html as string, /<html lang="de-DE">/);
  assert.ok((mail.html as string).includes('Der beste Veröffentlichungstag ist Mittwoch'));
});

cli('the archive page speaks the shared locale', async () => {
  const page = await readFile(join(dir, 'out/index.html'), 'utf8');
  assert.match(page, /<html lang="de-DE">/);
  assert.ok(page.includes('<title>Berichtsarchiv</title>'));
  assert.ok(page.includes('Berichte: 5 · Snapshots: 5, neueste zuerst. Aktualisiert am 1. Jan. 2026, 00:00 UTC.'));
  assert.ok(page.includes('Aufrufe gesamt'));
  assert.equal(leaks(ourText(page)), []);
});

cli.run();
