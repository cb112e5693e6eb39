// A week-long period charts growth by day (SPEC 10, issue 24): with growth by week, a scope whose
// dates all fall in one week (a `period: last-week` report) gets a series per day instead of a
// single dot and "No data to draw"; metrics.json names the series' period "day". A scope over
// several weeks keeps its weeks, and a scope of one day keeps its one point.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { runCli } from './helpers/cli.ts';
import { tempDir } from './helpers/tmp.ts';

/** 14 videos, one a day from Mon 18 Aug to Sun 31 Aug 2025; views 1000 + 100 × day index */
function videos(): string {
  const rows = ['title,creator,platform,views,likes,comments,shares,publish_date,duration_sec'];
  for (let i = 0; i < 14; i++) rows.push(`V${i},c${i % 3},TikTok,${1000 + 100 * i},10,1,1,2025-08-${String(18 + i).padStart(2, '0')},30`);
  return rows.join('\n') + '\n';
}

interface Series {
  period: string;
  points: { period: string; value: number | null; growthPct: number | null }[];
}

async function build(period: string): Promise<{ series: Series[]; html: string }> {
  const dir = await tempDir('svreport-week-by-day-');
  await writeFile(join(dir, 'v.csv'), videos());
  await writeFile(join(dir, 'c.yaml'), `input: { path: v.csv }\nperiod: ${period}\nsections: { growth: { metrics: [views], period: week } }\noutput: { dir: "out/{report}", formats: [html, json] }\n`);
  const run = await runCli(['build', '--config', 'c.yaml', '--as-of', '2025-09-01'], dir, { SOURCE_DATE_EPOCH: '1756684800' });
  assert.is(run.code, 0, run.stderr);
  const metrics = JSON.parse(await readFile(join(dir, 'out/report/metrics.json'), 'utf8'));
  const html = await readFile(join(dir, 'out/report/report.html'), 'utf8');
  return { series: metrics.growth.series, html: html.slice(html.indexOf('id="growth"'), html.indexOf('id="creators"')) };
}

const t = suite('week-long period charts by day');

t('period: last-week (25-31 Aug): seven daily points with growth, drawn', async () => {
  const { series, html } = await build('last-week');
  assert.is(series[0].period, 'day');
  assert.equal(series[0].points.map((p) => p.period), ['2025-08-25', '2025-08-26', '2025-08-27', '2025-08-28', '2025-08-29', '2025-08-30', '2025-08-31']);
  assert.equal(series[0].points.map((p) => p.value), [1700, 1800, 1900, 2000, 2100, 2200, 2300]);
  assert.is(series[0].points[1].growthPct, 100 / 1700);
  assert.ok(html.includes('Views <span class="muted">· sum per day'), 'the growth tab names days');
  assert.not.ok(html.includes('No data to draw'), 'every growth chart drawn');
});

t('two weeks in scope keep their weeks; one day keeps its single point', async () => {
  const all = await build('all');
  assert.is(all.series[0].period, 'week');
  assert.equal(all.series[0].points.map((p) => [p.period, p.value]), [['2025-W34', 1000 * 7 + 100 * 21], ['2025-W35', 1700 * 7 + 100 * 21]]);
  const one = await build('{ from: 2025-08-20, to: 2025-08-20 }');
  assert.is(one.series[0].period, 'week');
  assert.equal(one.series[0].points.map((p) => [p.period, p.value]), [['2025-W34', 1200]]);
});

t.run();
