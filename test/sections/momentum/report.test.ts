// Momentum in the report: its figures in the model (the last key of metrics.json, the period
// before with compare: previous), its findings, its tab in the HTML; the one line without
// exports; gains still shown when no video was published in the period.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { buildReportModel } from '../../../src/model.ts';
import { deriveMetrics } from '../../../src/data/derive.ts';
import { renderHtml } from '../../../src/output/html.ts';
import { toJson } from '../../../src/output/json.ts';
import { GlyphCoverage } from '../../../src/output/fonts.ts';
import { normalizeConfig } from '../../../src/config/normalize.ts';
import type { ReportError } from '../../../src/errors.ts';
import type { Dataset, ReportModel, ReportSpec } from '../../../src/types.ts';
import { makeDataset } from '../../helpers/dataset.ts';
import { testConfig, testReport } from '../../helpers/config.ts';
import { merged, weeklyDataset } from './fixture.ts';

const glyphs = new GlyphCoverage(null);
const W23 = { kind: 'absolute', from: '2025-06-02', to: '2025-06-08' } as const;

function modelOf(ds: Dataset, over: Partial<ReportSpec> = {}): ReportModel {
  const report = testReport({ period: W23, compare: 'previous', ...over });
  const config = testConfig({ reports: [report] });
  return buildReportModel({
    dataset: ds, derived: deriveMetrics(ds, config.scoring), config, report,
    clock: { generatedAt: '2025-06-10T00:00:00Z', runDay: Date.UTC(2025, 5, 10) / 864e5 }, tool: { name: 't', version: '0' }, inputPath: 'x.csv', glyphs,
  }).model;
}

const panel = (html: string, id: string) => {
  const start = html.search(new RegExp(`<section class="panel( panel-brief)?" id="${id}"`));
  return html.slice(start, html.indexOf('</section>', start));
};

const t = suite('momentum in the report');

t('the model: gains of 2025-W23 and of the week before; momentum is the last key of metrics.json', () => {
  const model = modelOf(weeklyDataset());
  assert.is(model.momentum!.gained.views, 6700);
  assert.equal(model.momentum!.previous!.gained.views, 530); // worked out in compute.test.ts
  assert.equal([model.momentum!.previous!.from, model.momentum!.previous!.to, model.momentum!.previous!.label], ['2025-05-26', '2025-06-01', '2025-W22']);
  const keys = Object.keys(JSON.parse(toJson(model)));
  assert.equal(keys.slice(-2), ['method', 'momentum']);
  const found = model.insights.filter((i) => i.section === 'momentum');
  assert.equal(found.map((i) => i.text), [
    '4 videos gained 6.7K views in 2025-W23 (2-8 Jun 2025), +1,164.2% against the 530 of the period before; 3K (44.8%) came from the video published in it.',
    'Gamma gained the most views: 3K, 44.8% of all views gained.',
  ]);
  assert.equal(found[0].figures, { viewsGained: 6700, videos: 4, viewsGainedByNew: 3000, newVideos: 1, previousViewsGained: 530, change: 6700 / 530 - 1 });
});

t('the tab: KPIs by all and by new videos, notes, the exports with their times, top tables and the platform chart', async () => {
  const { html, charts } = await renderHtml(modelOf(weeklyDataset()), { theme: 'light', glyphs });
  assert.ok(html.includes('<label for="tab-momentum" class="tab tab-momentum">Momentum</label>'));
  const p = panel(html, 'momentum');
  assert.ok(p.includes('Gained in 2025-W23 (2-8 Jun 2025) by all videos'), 'the period with its dates');
  for (const value of ['6.7K', '780', '32', '25', '3K', '600']) assert.ok(p.includes(`<bdi>${value}</bdi>`), value);
  assert.ok(p.includes('Engagement of the gains: 12.49%'), '837 / 6700');
  // compare: previous: each gain with its change against the week before (views 6,700 vs 530)
  assert.ok(p.includes('+6.2K <span class="pct">(+1,164.2%)</span></span> <span class="vs">vs 530</span>'), 'views gained vs the week before');
  assert.ok(p.includes('4 videos with a gain, 1 of them published in the period (counted from 0).'));
  assert.ok(p.includes('1 video published before the period is in no export by its start, so it has no gain.'));
  assert.ok(p.includes('1 video left out of the likes gained: the count is missing in one of its two exports.'));
  for (const file of ['tiktok-2025-05-26.csv', 'tiktok-2025-06-02.csv', 'tiktok-2025-06-09.csv']) assert.ok(p.includes(file), file);
  assert.ok(p.includes('9 Jun 2025'), 'an export time');
  assert.ok(p.indexOf('Gamma') < p.indexOf('Alpha') && p.indexOf('Alpha') < p.indexOf('Beta'), 'top videos by views gained');
  assert.ok(p.includes('Top 2 creators by views gained'));
  const chart = charts.find((c) => c.id === 'momentum-platforms');
  assert.ok(chart && chart.hasMarks, 'views gained by platform drawn');
  assert.ok(p.includes('id="fig-momentum-platforms"'));
});

t('without exports of the same videos: one line, and metrics.json says null (the line is not in it)', async () => {
  const model = modelOf(makeDataset({ ...merged }));
  assert.is(model.momentum, null);
  const json = toJson(model);
  assert.ok(json.endsWith('"momentum": null\n}\n'));
  assert.not.ok(json.includes('Momentum needs'));
  const { html } = await renderHtml(model, { theme: 'light', glyphs });
  assert.ok(panel(html, 'momentum').includes('Momentum needs two or more exports of the same videos with a video id column; this input has one export.'));
});

t('exports that do not surround the period: the line names the period and the exports dates', async () => {
  const model = modelOf(weeklyDataset(), { period: { kind: 'absolute', from: '2025-07-07', to: '2025-07-13' }, compare: 'none' });
  assert.is(model.momentum, null);
  const { html } = await renderHtml(model, { theme: 'light', glyphs });
  assert.ok(panel(html, 'momentum').includes('Momentum needs an export made by the start of 2025-W28 (7-13 Jul 2025) and a later one by its end; the 3 exports were made from 2025-05-26 to 2025-06-09.'));
});

t('no video published in the period: the other sections say so, Momentum still shows the gains', async () => {
  // v3 (published 2025-06-04) is the only video of 2025-W23: filter it out by its creator's other videos
  const ds = weeklyDataset();
  const model = modelOf(ds, { filters: { ...testReport().filters, creator: ['bo'] } });
  assert.is(model.scope.rows, 0);
  assert.is(model.momentum!.gained.views, 1200); // v2 700 + v5 500
  const { html } = await renderHtml(model, { theme: 'light', glyphs });
  const line = 'No video that meets this report&#x27;s filters was published in 2025-W23 (2-8 Jun 2025).'; // (' escaped in HTML)
  for (const id of ['overview', 'growth', 'creators', 'virality', 'segments']) assert.ok(panel(html, id).includes(line), id);
  assert.ok(panel(html, 'momentum').includes('<bdi>1.2K</bdi>'));
  assert.not.ok(panel(html, 'momentum').includes(line));
});

t.run();

const cfg = suite('sections: { momentum: false }');

cfg('leaves the tab out (its figures stay in metrics.json); any other value than true or false is refused', async () => {
  const c = normalizeConfig({ input: { path: 'videos.csv' }, sections: { momentum: false } }, { configPath: null, configDir: '/tmp' });
  assert.equal(c.sections.off, ['momentum']);
  assert.throws(() => normalizeConfig({ input: { path: 'videos.csv' }, sections: { momentum: { top: 3 } } }, { configPath: null, configDir: '/tmp' }), (err: ReportError) =>
    err.problems.some((p) => /`sections\.momentum` must be true or false/.test(p)));
  const model = modelOf(weeklyDataset(), { sections: { ...testReport().sections, off: ['momentum'] } });
  assert.is(model.momentum!.gained.views, 6700);
  assert.not.ok(model.insights.some((i) => i.section === 'momentum'), 'no findings of a left-out section');
  const { html } = await renderHtml(model, { theme: 'light', glyphs, off: ['momentum'] });
  assert.not.match(html, /(for|id)="tab-momentum"|id="momentum"/);
});

cfg.run();
