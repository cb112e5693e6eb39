// n/a for a concept absent from the export (SPEC 10), in tables and metrics.json: a TikTok-like
// export of 16 videos with a creator but no shares, comments or platform column. Creators'
// shares and comments are null in metrics.json (not 0); the virality table's Platform column
// reads n/a on every row; a value missing in a column that exists keeps its dash.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cli } from './helpers/cli-run.ts';
import { tempDir } from './helpers/tmp.ts';

/**
 * 16 videos, creators ana (odd i) and ben (even i), views 1000 + 500 i (i = 0..15), likes 50 + i.
 * Video 3 has no duration (an empty cell in a column that exists).
 *   ana: i = 1,3,...,15 -> views 8 x 1000 + 500 x (1+3+...+15 = 64) = 40,000
 *   ben: i = 0,2,...,14 -> views 8 x 1000 + 500 x (0+2+...+14 = 56) = 36,000
 */
function export16(): string {
  const rows = ['Video title,Account,Date posted,Video views,Likes,Duration'];
  for (let i = 0; i < 16; i++) rows.push(`Clip ${i},${i % 2 ? 'ana' : 'ben'},2025-08-${String(1 + i).padStart(2, '0')},${1000 + 500 * i},${50 + i},${i === 3 ? '' : 15 + i}`);
  return rows.join('\n') + '\n';
}

/** The cells of the body rows of the table whose caption matches. */
function tableCells(html: string, caption: RegExp): string[][] {
  const at = html.search(caption);
  assert.ok(at >= 0, `no table ${caption}`);
  const body = html.slice(at, html.indexOf('</table>', at));
  return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)]
    .map((m) => [...m[1].matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((c) => c[1].replace(/<[^>]+>/g, '').trim()))
    .filter((r) => r.length);
}

const t = suite('n/a for absent concepts');

t('16 videos without shares, comments or platform: creators null, virality table n/a, dashes only for missing values', async () => {
  const dir = await tempDir('svreport-words-na-');
  await writeFile(join(dir, 'videos.csv'), export16());
  await writeFile(join(dir, 'report.config.yaml'), 'input: { path: videos.csv }\nperiod: all\noutput: { dir: "out/{report}", formats: [html, json] }\n');
  const run = await cli(['build'], dir, { SOURCE_DATE_EPOCH: '1756684800' });
  assert.is(run.code, 0, run.stderr);
  const m = JSON.parse(await readFile(join(dir, 'out/report/metrics.json'), 'utf8'));
  assert.is(m.columns.shares, undefined);
  assert.is(m.columns.comments, undefined);
  const top = m.creators.top as { creator: string; views: number; shares: number | null; comments: number | null }[];
  assert.equal(top.map((r) => [r.creator, r.views, r.shares, r.comments]), [['ana', 40_000, null, null], ['ben', 36_000, null, null]]);
  for (const b of m.creators.leaderboards as { top: { shares: unknown; comments: unknown }[] }[]) {
    for (const r of b.top) assert.equal([r.shares, r.comments], [null, null]);
  }

  const html = await readFile(join(dir, 'out/report/report.html'), 'utf8');
  const rows = tableCells(html, /<caption>Top \d+ viral candidates/);
  assert.ok(rows.length >= 2);
  // # Title Creator Platform Views Engagement Score Duration Outlier
  for (const r of rows) {
    assert.is(r[3], 'n/a', `platform: ${r}`);
    assert.match(r[2], /^(ana|ben)$/);
    assert.not.ok(r.slice(1).includes('0'), 'no absent figure as 0');
  }
  // the video without a duration (Clip 3), if it is a candidate, keeps the dash: its column exists
  const clip3 = rows.find((r) => r[1] === 'Clip 3');
  if (clip3) assert.is(clip3[7], '—');
  for (const r of rows.filter((x) => x[1] !== 'Clip 3')) assert.match(r[7], /^\d+:\d\d$|^\d+ s$|^0:\d\d$/, `duration ${r}`);
});

t('creators ranked by shares without a shares column: the leaderboard says so in one line, not "Top 0 creators"', async () => {
  const dir = await tempDir('svreport-words-na-rank-');
  await writeFile(join(dir, 'videos.csv'), export16());
  await writeFile(join(dir, 'report.config.yaml'), 'input: { path: videos.csv }\nperiod: all\nsections: { creators: { rankBy: shares } }\noutput: { dir: "out/{report}", formats: [html, json] }\n');
  const run = await cli(['build'], dir, { SOURCE_DATE_EPOCH: '1756684800' });
  assert.is(run.code, 0, run.stderr);
  const html = await readFile(join(dir, 'out/report/report.html'), 'utf8');
  const start = html.indexOf('id="creators"');
  const panel = html.slice(start, html.indexOf('</section>', start));
  assert.ok(panel.includes('<p class="chart-empty-title">Total shares</p><p class="unavailable" role="note"><span aria-hidden="true">○</span> No shares column in the input.</p>'), panel);
  assert.not.ok(panel.includes('Top 0 creators'));
  assert.not.ok(panel.includes('class="card top5"'), 'no empty top-5 card');
  assert.ok(panel.includes('Creators in scope'), 'the figures the export does give stay');
  const m = JSON.parse(await readFile(join(dir, 'out/report/metrics.json'), 'utf8'));
  assert.equal(m.creators.top, []);
});

t('the bundled sample has every concept: no n/a in its tables and creators keep their counts', async () => {
  const dir = await tempDir('svreport-words-na-sample-');
  const sample = join(process.cwd(), 'data/sample.csv');
  await writeFile(join(dir, 'report.config.yaml'), `input: { path: ${JSON.stringify(sample)} }\nperiod: all\noutput: { dir: "out/{report}", formats: [html, json] }\n`);
  const run = await cli(['build'], dir, { SOURCE_DATE_EPOCH: '1767225600' });
  assert.is(run.code, 0, run.stderr);
  const m = JSON.parse(await readFile(join(dir, 'out/report/metrics.json'), 'utf8'));
  for (const r of m.creators.top) assert.ok(Number.isInteger(r.shares) && Number.isInteger(r.comments), r.creator);
  const html = await readFile(join(dir, 'out/report/report.html'), 'utf8');
  for (const r of tableCells(html, /<caption>Top \d+ viral candidates/)) assert.not.ok(r.includes('n/a'), String(r));
});

t.run();
