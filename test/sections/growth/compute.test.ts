import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { StatsScratch } from '../../../src/stats/group.ts';
import { computeGrowth, computeTiming, defaultAggregation, finishSeries } from '../../../src/sections/growth/compute.ts';
import { deriveMetrics } from '../../../src/data/derive.ts';
import type { Dataset, Derived, GrowthSeries, Scope, SectionsConfig } from '../../../src/types.ts';
import type { SectionContext } from '../../../src/sections/context.ts';
import { makeDataset, type RowsSpec } from '../../helpers/dataset.ts';
import { testConfig, testReport, testSections } from '../../helpers/config.ts';

const close = (a: number | null | undefined, b: number) => assert.ok(a != null && Math.abs(a - b) < 1e-12, `${a} != ${b}`);

/** Context over `spec`: derived from deriveMetrics, then any array given by hand replaces it. */
function ctxOf(spec: RowsSpec, opts: { rows?: number[]; growth?: Partial<SectionsConfig['growth']>; derived?: Partial<Derived> } = {}): SectionContext {
  const ds: Dataset = makeDataset(spec);
  const config = testConfig();
  const derived = { ...deriveMetrics(ds, config.scoring), ...opts.derived };
  const rows = Uint32Array.from(opts.rows ?? Array.from({ length: ds.rows }, (_, i) => i));
  const scope: Scope = {
    rows, tier: new Int8Array(rows.length).fill(5), viralPotential: new Int8Array(rows.length).fill(3),
    tierCuts: { q50: null, q80: null, q95: null, q99: null }, scoreCuts: { medium: null, high: null },
  };
  const base = testSections().growth;
  const report = testReport({ sections: testSections({ growth: { ...base, ...opts.growth } }) });
  return { dataset: ds, derived, scope, report, config, scratch: new StatsScratch() };
}
const rates = (xs: number[]) => ({ engagementRate: Float64Array.from(xs) });
const series = (g: ReturnType<typeof computeGrowth>, metric: string): GrowthSeries => g.series.find((s) => s.metric === metric)!;
const col = <K extends keyof GrowthSeries['points'][number]>(s: GrowthSeries, k: K) => s.points.map((p) => p[k]);

// ---
const cg = suite('computeGrowth');
cg('weekly: continuous calendar keeps an empty week (0 for a sum, null for a mean)', () => {
  // W02: 2025-01-06 (100 views, rate 0.1) + 2025-01-08 (50, 0.2); W03: nothing; W04: 2025-01-20 (300, 0.4)
  const ctx = ctxOf({ date: ['2025-01-06', '2025-01-08', '2025-01-20'], views: [100, 50, 300] }, { derived: rates([0.1, 0.2, 0.4]) });
  const g = computeGrowth(ctx);
  assert.is(g.available, true);
  assert.is(g.reason, null);
  const v = series(g, 'views');
  assert.is(v.aggregation, 'sum');
  assert.is(v.period, 'week');
  assert.equal(col(v, 'period'), ['2025-W02', '2025-W03', '2025-W04']);
  assert.equal(col(v, 'value'), [150, 0, 300]); // 100+50, empty, 300
  assert.equal(col(v, 'videos'), [2, 0, 1]);
  // growth: first null; (0-150)/150 = -1; after a 0 base: null
  assert.equal(col(v, 'growthPct'), [null, -1, null]);
  assert.is(v.averageGrowthPct, -1);
  assert.equal(v.peak, { period: '2025-W04', value: 300 });
  assert.is(v.periodsAnalysed, 3);

  const e = series(g, 'engagement_rate');
  assert.is(e.aggregation, 'mean');
  close(e.points[0].value, 0.15); // (0.1+0.2)/2
  assert.is(e.points[1].value, null); // empty week: no mean
  close(e.points[2].value, 0.4);
  assert.equal(col(e, 'growthPct'), [null, null, null]); // null base, then after null
  assert.is(e.averageGrowthPct, null);
  assert.equal(e.peak, { period: '2025-W04', value: 0.4 });
});
cg('daily: growth is a fraction, null after a 0 previous value; average of the non-null ones', () => {
  // views 0, 10, 15, 30 -> growth null (first), null (base 0), (15-10)/10=0.5, (30-15)/15=1; average 0.75
  const ctx = ctxOf({ date: ['2025-03-01', '2025-03-02', '2025-03-03', '2025-03-04'], views: [0, 10, 15, 30] }, { growth: { metrics: ['views'], period: 'day' } });
  const v = series(computeGrowth(ctx), 'views');
  assert.equal(col(v, 'period'), ['2025-03-01', '2025-03-02', '2025-03-03', '2025-03-04']);
  assert.equal(col(v, 'growthPct'), [null, null, 0.5, 1]);
  assert.is(v.averageGrowthPct, 0.75);
  assert.equal(v.peak, { period: '2025-03-04', value: 30 });
});
cg('ISO weeks across a year boundary, rows given out of order', () => {
  // 2025-01-06 -> 2025-W02; 2024-12-29 (Sunday) -> 2024-W52; 2024-12-30 and 2025-01-01 -> 2025-W01
  const ctx = ctxOf({ date: ['2025-01-06', '2024-12-29', '2024-12-30', '2025-01-01'], views: [1, 2, 3, 4] }, { growth: { metrics: ['views'] } });
  const v = series(computeGrowth(ctx), 'views');
  assert.equal(col(v, 'period'), ['2024-W52', '2025-W01', '2025-W02']);
  assert.equal(col(v, 'value'), [2, 7, 1]); // 2; 3+4; 1
  close(v.points[1].growthPct, 2.5); // (7-2)/2
  close(v.points[2].growthPct, -6 / 7); // (1-7)/7
  close(v.averageGrowthPct, (2.5 - 6 / 7) / 2);
});
cg('2020 has a week 53', () => {
  const ctx = ctxOf({ date: ['2020-12-28', '2021-01-04'], views: [5, 5] }, { growth: { metrics: ['views'] } });
  assert.equal(col(series(computeGrowth(ctx), 'views'), 'period'), ['2020-W53', '2021-W01']);
});
cg('monthly with an empty February; configured median gives null there', () => {
  // Jan: 2025-01-31 (10), 2025-01-01 (30); Feb: none; Mar: 2025-03-01 (40)
  const ctx = ctxOf(
    { date: ['2025-01-31', '2025-03-01', '2025-01-01'], views: [10, 40, 30] },
    { growth: { metrics: ['views', 'likes'], period: 'month', aggregation: { views: 'median' } } },
  );
  const g = computeGrowth(ctx);
  const v = series(g, 'views');
  assert.is(v.aggregation, 'median');
  assert.equal(col(v, 'period'), ['2025-01', '2025-02', '2025-03']);
  assert.equal(col(v, 'value'), [20, null, 40]); // median(10,30) = 20
  assert.equal(col(v, 'videos'), [2, 0, 1]);
  assert.equal(col(v, 'growthPct'), [null, null, null]);
  // no likes column: the series is there, its values are null rather than zeros
  const l = series(g, 'likes');
  assert.is(l.aggregation, 'sum');
  assert.equal(col(l, 'value'), [null, null, null]);
  assert.is(l.peak, null);
  assert.is(l.periodsAnalysed, 3);
});
cg('peak ties go to the earliest period; all views 0 gives no growth', () => {
  const ctx = ctxOf({ date: ['2025-05-01', '2025-05-02', '2025-05-03'], views: [0, 0, 0] }, { growth: { metrics: ['views'], period: 'day' } });
  const v = series(computeGrowth(ctx), 'views');
  assert.equal(col(v, 'value'), [0, 0, 0]);
  assert.equal(col(v, 'growthPct'), [null, null, null]);
  assert.is(v.averageGrowthPct, null);
  assert.equal(v.peak, { period: '2025-05-01', value: 0 });
});
cg('a single row', () => {
  const ctx = ctxOf({ date: ['2025-02-14T10:30'], views: [42] }, { derived: rates([0.05]) });
  const g = computeGrowth(ctx);
  const v = series(g, 'views');
  assert.equal(v.points, [{ period: '2025-W07', value: 42, growthPct: null, videos: 1 }]);
  assert.equal(v.peak, { period: '2025-W07', value: 42 });
  assert.is(v.averageGrowthPct, null);
  assert.is(v.periodsAnalysed, 1);
  assert.is(g.byHour.length, 24);
  assert.equal(g.byHour[10], { hour: 10, videos: 1, medianViews: 42 });
  assert.equal(g.heatmap, [{ weekday: 'Friday', hour: 10, videos: 1, medianViews: 42 }]);
});
cg('only scope rows count; rows without a date are left out of the series', () => {
  // row 1 (out of scope) would add 1000 to W02; row 3 has no date
  const ctx = ctxOf({ date: ['2025-01-06', '2025-01-07', '2025-01-13', null], views: [10, 1000, 20, 500] }, { rows: [0, 2, 3], growth: { metrics: ['views'] } });
  const v = series(computeGrowth(ctx), 'views');
  assert.equal(col(v, 'value'), [10, 20]);
  assert.equal(col(v, 'videos'), [1, 1]);
  assert.equal(col(v, 'growthPct'), [null, 1]);
});
cg('no date column: unavailable with a one-line reason, timing from the hour column still there', () => {
  const g = computeGrowth(ctxOf({ views: [10, 20], hour: [8, 8] }));
  assert.is(g.available, false);
  assert.ok(g.reason && !g.reason.includes('\n'));
  assert.equal(g.series, []);
  assert.is(g.hourSource, 'hour-column');
  assert.equal(g.byHour[8], { hour: 8, videos: 2, medianViews: 15 });
  assert.equal(g.byWeekday, []);
  assert.equal(g.heatmap, []);
});
cg('a date column but no dated row in scope: unavailable', () => {
  const g = computeGrowth(ctxOf({ date: ['2025-01-01', null], views: [1, 2] }, { rows: [1] }));
  assert.is(g.available, false);
  assert.ok(g.reason);
  assert.equal(g.series, []);
});
cg('empty scope', () => {
  const g = computeGrowth(ctxOf({ date: ['2025-01-01'], views: [1] }, { rows: [] }));
  assert.is(g.available, false);
  assert.equal([g.byHour, g.byWeekday, g.heatmap, g.hourSource], [[], [], [], null]);
});
cg.run();

// ---
const ct = suite('computeTiming');
ct('hour from timestamps: 24 hours, 7 weekdays, heatmap cells with videos only', () => {
  // Mon 2025-01-06 09:15 (100), Mon 09:45 (300), Tue 2025-01-07 23:00 (50)
  const t = computeTiming(ctxOf({ date: ['2025-01-06T09:15', '2025-01-06T09:45', '2025-01-07T23:00'], views: [100, 300, 50] }));
  assert.is(t.hourSource, 'timestamp');
  assert.is(t.byHour.length, 24);
  assert.equal(t.byHour.map((h) => h.hour), Array.from({ length: 24 }, (_, h) => h));
  assert.equal(t.byHour[9], { hour: 9, videos: 2, medianViews: 200 }); // median(100,300)
  assert.equal(t.byHour[23], { hour: 23, videos: 1, medianViews: 50 });
  assert.equal(t.byHour[0], { hour: 0, videos: 0, medianViews: null });
  assert.equal(t.byWeekday.map((w) => w.weekday), ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']);
  assert.equal(t.byWeekday[0], { weekday: 'Monday', videos: 2, medianViews: 200 });
  assert.equal(t.byWeekday[1], { weekday: 'Tuesday', videos: 1, medianViews: 50 });
  assert.equal(t.byWeekday[2], { weekday: 'Wednesday', videos: 0, medianViews: null });
  assert.equal(t.heatmap, [
    { weekday: 'Monday', hour: 9, videos: 2, medianViews: 200 },
    { weekday: 'Tuesday', hour: 23, videos: 1, medianViews: 50 },
  ]);
});
ct('hour column when dates have no time of day; a timestamp on the row wins over it', () => {
  // dates without time + hour column [8, 8, 20]: hour-column
  const a = computeTiming(ctxOf({ date: ['2025-01-05', '2025-01-06', '2025-01-06'], hour: [8, 8, 20], views: [10, 30, 7] }));
  assert.is(a.hourSource, 'hour-column');
  assert.equal(a.byHour[8], { hour: 8, videos: 2, medianViews: 20 });
  assert.equal(a.byHour[20], { hour: 20, videos: 1, medianViews: 7 });
  // Sunday 2025-01-05 (10) and Monday 2025-01-06 (30, 7)
  assert.equal(a.byWeekday[6], { weekday: 'Sunday', videos: 1, medianViews: 10 });
  assert.equal(a.byWeekday[0], { weekday: 'Monday', videos: 2, medianViews: 18.5 });
  assert.equal(a.heatmap.map((c) => [c.weekday, c.hour, c.videos]), [['Monday', 8, 1], ['Monday', 20, 1], ['Sunday', 8, 1]]);
  // one row with 14:05 makes the source 'timestamp', and that row counts at 14, not at its column hour
  const b = computeTiming(ctxOf({ date: ['2025-01-06T14:05', '2025-01-06'], hour: [3, 3], views: [1, 2] }));
  assert.is(b.hourSource, 'timestamp');
  assert.equal([b.byHour[14].videos, b.byHour[3].videos], [1, 1]);
});
ct('no hour information: byHour and heatmap empty, weekday still computed', () => {
  const t = computeTiming(ctxOf({ date: ['2025-01-08', '2025-01-09'], views: [4, 6] }));
  assert.is(t.hourSource, null);
  assert.equal(t.byHour, []);
  assert.equal(t.heatmap, []);
  assert.equal(t.byWeekday[2], { weekday: 'Wednesday', videos: 1, medianViews: 4 });
  assert.equal(t.byWeekday[3], { weekday: 'Thursday', videos: 1, medianViews: 6 });
});
ct.run();

// ---
const fs = suite('finishSeries');
fs('growth, peak and average from values; negative growth and null gaps', () => {
  const pts = [100, 50, null, 80, 120].map((value, i) => ({ period: `p${i}`, value, growthPct: null, videos: 1 }));
  const s = finishSeries('views', 'day', 'sum', pts);
  // (50-100)/100 = -0.5; null value; null base; (120-80)/80 = 0.5
  assert.equal(s.points.map((p) => p.growthPct), [null, -0.5, null, null, 0.5]);
  assert.is(s.averageGrowthPct, 0);
  assert.equal(s.peak, { period: 'p4', value: 120 });
  assert.is(s.periodsAnalysed, 5);
});
fs('no points', () => {
  const s = finishSeries('views', 'week', 'sum', []);
  assert.equal([s.peak, s.averageGrowthPct, s.periodsAnalysed], [null, null, 0]);
});
fs.run();

// ---
const da = suite('defaultAggregation');
da('sum for counts, mean for rates and scores', () => {
  assert.equal((['views', 'likes', 'comments', 'shares'] as const).map(defaultAggregation), ['sum', 'sum', 'sum', 'sum']);
  assert.is(defaultAggregation('engagement_rate'), 'mean');
  assert.is(defaultAggregation('virality_score'), 'mean');
});
da.run();
