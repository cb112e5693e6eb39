// Virality lab by hand: scores are set directly on the derived metrics so threshold,
// candidates, ties and histogram bins can be worked out on paper.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { StatsScratch } from '../../../src/stats/group.ts';
import { computeVirality, histogram, scatterOf } from '../../../src/sections/virality/compute.ts';
import { deriveMetrics } from '../../../src/data/derive.ts';
import { buildScope } from '../../../src/data/scope.ts';
import type { Dataset, ReportSpec, ThresholdSpec } from '../../../src/types.ts';
import type { SectionContext } from '../../../src/sections/context.ts';
import { makeDataset } from '../../helpers/dataset.ts';
import { testConfig, testReport, testSections } from '../../helpers/config.ts';

const close = (a: number | null, b: number, eps = 1e-12) => assert.ok(a !== null && Math.abs(a - b) <= eps * Math.max(1, Math.abs(b)), `${a} != ${b}`);

function contextOf(ds: Dataset, opts: { scores?: number[]; threshold?: ThresholdSpec; top?: number; bins?: number; rows?: number[] } = {}): SectionContext {
  const config = testConfig();
  const derived = deriveMetrics(ds, config.scoring);
  if (opts.scores) derived.viralityScore = Float64Array.from(opts.scores);
  const report: ReportSpec = testReport({
    virality: { threshold: opts.threshold ?? { kind: 'auto' } },
    sections: testSections({ virality: { top: opts.top ?? 100, bins: opts.bins ?? 3 } }),
  });
  const rows = Uint32Array.from(opts.rows ?? Array.from({ length: ds.rows }, (_, i) => i));
  return { dataset: ds, derived, scope: buildScope(ds, derived, rows, config.scoring), report, config, scratch: new StatsScratch() };
}

// row:       0    1    2    3    4     5    6     7     8    9
// score:     5    1    9    3    9     7    2     10    4    6    -> sorted [1,2,3,4,5,6,7,9,9,10]
// creator c: rows 0,1,2,3,5,7 (6 videos): views [100,200,300,400,500,2000] -> median 350
const views = [100, 200, 300, 400, 1000, 500, null, 2000, 0, 50];
const ten = makeDataset({
  views,
  likes: views.map((v) => (v === null ? null : v / 10)), // rate 0.1 wherever views > 0
  duration: [10, 10, 20, 10, 40, 10, 10, 30, 10, 10],
  title: ['x', 'x', 'b', 'x', 'a', 'x', 'x', 'z', 'x', 'x'],
  platform: ['P', 'P', 'P', 'Q', 'Q', 'Q', null, 'Q', 'P', 'P'],
  creator: ['c', 'c', 'c', 'c', 'd', 'c', 'd', 'c', 'e', 'e'],
});
const scores = [5, 1, 9, 3, 9, 7, 2, 10, 4, 6];

// ---
const v = suite('computeVirality');
v('auto threshold: q90 of the scores in scope', () => {
  const r = computeVirality(contextOf(ten, { scores }));
  assert.ok(r.available);
  close(r.threshold, 9.1); // h = 9*0.9 = 8.1 -> 9 + 0.1*(10-9)
  assert.is(r.thresholdRule, 'auto (q90)');
  assert.is(r.candidates, 1); // only 10 >= 9.1
  assert.is(r.candidateShare, 0.1);
  assert.equal(r.top, [
    // creator c has 6 videos in scope, median views 350 -> 2000/350
    { title: 'z', creator: 'c', platform: 'Q', views: 2000, engagementRate: 0.1, viralityScore: 10, durationSec: 30, outlierMultiple: 2000 / 350 },
  ]);
});
v('top 30%: ties on score ranked by title, outlier multiple only for creators with >= 5 videos', () => {
  const r = computeVirality(contextOf(ten, { scores, threshold: { kind: 'top', percent: 30 } }));
  close(r.threshold, 7.6); // q0.7: h = 6.3 -> 7 + 0.3*(9-7)
  assert.is(r.thresholdRule, 'top 30%');
  assert.is(r.candidates, 3); // rows 7 (10), 2 (9), 4 (9)
  assert.equal(r.top.map((c) => c.title), ['z', 'a', 'b']); // 9 = 9: 'a' (row 4) before 'b' (row 2)
  assert.is(r.top[1].outlierMultiple, null); // creator d: 2 videos
  close(r.top[2].outlierMultiple, 300 / 350);
  // candidates: P [9] (row 2); Q [9, 10] (rows 4, 7) -> median 9.5
  assert.equal(r.byPlatform, [
    { platform: 'Q', candidates: 2, medianScore: 9.5 },
    { platform: 'P', candidates: 1, medianScore: 9 },
  ]);
});
v('value threshold; equal platform medians ranked by name; top N limit', () => {
  const r = computeVirality(contextOf(ten, { scores, threshold: { kind: 'value', value: 7 }, top: 2 }));
  assert.is(r.threshold, 7);
  assert.is(r.thresholdRule, 'value');
  assert.is(r.candidates, 4); // 9, 7, 9, 10 (rows 2, 5, 4, 7)
  assert.is(r.candidateShare, 0.4);
  // P [9] -> 9; Q [9, 7, 10] -> 9: tie, P before Q
  assert.equal(r.byPlatform.map((p) => [p.platform, p.candidates, p.medianScore]), [['P', 1, 9], ['Q', 3, 9]]);
  assert.equal(r.top.map((c) => c.title), ['z', 'a']); // limited to 2
});
v('equal score and title: row order; missing title last', () => {
  const ds = makeDataset({ views: [1, 1, 1, 1], title: [null, 't', 't', 's'] });
  const r = computeVirality(contextOf(ds, { scores: [3, 3, 3, 3], threshold: { kind: 'value', value: 3 } }));
  assert.equal(r.top.map((c) => c.title), ['s', 't', 't', null]);
  assert.equal(r.top.map((c) => c.creator), [null, null, null, null]); // no creator column
  assert.is(r.top[0].outlierMultiple, null);
  assert.equal(r.byPlatform, []); // no platform column
});
v('histogram of the scores in scope, threshold above every score gives no candidates', () => {
  const r = computeVirality(contextOf(ten, { scores, threshold: { kind: 'value', value: 11 } }));
  // min 1, max 10, 3 bins of width 3: [1,4) 1,2,3; [4,7) 4,5,6; [7,10] 7,9,9,10
  assert.equal(r.histogram, [{ x0: 1, x1: 4, count: 3 }, { x0: 4, x1: 7, count: 3 }, { x0: 7, x1: 10, count: 4 }]);
  assert.is(r.candidates, 0);
  assert.equal(r.top, []);
  assert.equal(r.byPlatform, []);
});
v('scatter: points for rows with views > 0 and a rate, flagged when candidates', () => {
  const r = computeVirality(contextOf(ten, { scores }));
  assert.is(r.scatter.kind, 'points');
  if (r.scatter.kind !== 'points') return;
  // rows 6 (views missing) and 8 (views 0) have no rate
  assert.equal(r.scatter.points.map((p) => p.views), [100, 200, 300, 400, 1000, 500, 2000, 50]);
  assert.equal(r.scatter.points.map((p) => p.candidate), [false, false, false, false, false, false, true, false]);
});
v('single row', () => {
  const r = computeVirality(contextOf(makeDataset({ views: [100], likes: [10] }), { scores: [4] }));
  assert.is(r.threshold, 4);
  assert.is(r.candidates, 1);
  assert.equal(r.histogram, [{ x0: 4, x1: 4, count: 1 }]); // one distinct value -> one bin
});
v('empty scope: unavailable with a reason', () => {
  const r = computeVirality(contextOf(ten, { scores, rows: [] }));
  assert.is(r.available, false);
  assert.is(r.reason, 'No videos in scope.');
  assert.is(r.threshold, null);
  assert.is(r.candidateShare, null);
  assert.equal(r.scatter, { kind: 'points', points: [] });
});
v.run();

// ---
const hs = suite('histogram');
hs('values on inner edges go to the upper bin, max to the last', () => {
  // [0, 10], 4 bins of 2.5: edges 0, 2.5, 5, 7.5, 10
  const h = histogram(Float64Array.from([0, 2.5, 5, 5, 9.9, 10]), 4);
  assert.equal(h.map((b) => b.count), [1, 1, 2, 2]);
  assert.equal(h.map((b) => b.x0), [0, 2.5, 5, 7.5]);
  assert.is(h[3].x1, 10);
});
hs('no values, one value', () => {
  assert.equal(histogram(new Float64Array(0), 5), []);
  assert.equal(histogram(Float64Array.from([2, 2, 2]), 5), [{ x0: 2, x1: 2, count: 3 }]);
});
hs.run();

// ---
const sc = suite('scatterOf');
sc('large scopes become a density: 40 log-view bins x 30 rate bins, rates clipped at q99', () => {
  // 2100 rows: even rows views 10, odd rows views 1000; rate 0.1 except 21 even rows at 10.
  // sorted rates: 2079 x 0.1, 21 x 10; q99 h = 2099*0.99 = 2078.01 -> 0.1 + 0.01*9.9 = 0.199
  // log10 views 1..3: width 0.05; views 10 -> bin 0, 1000 -> bin 39 (right edge closed)
  // rate 0.1 -> bin 0; 10 clipped to 0.199 -> bin 29
  const n = 2100;
  const vw = new Float64Array(n);
  const rate = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    vw[i] = i % 2 === 0 ? 10 : 1000;
    rate[i] = i % 2 === 0 && i < 42 ? 10 : 0.1;
  }
  const s = scatterOf(vw, rate, Uint32Array.from({ length: n }, (_, i) => i), () => false);
  assert.is(s.kind, 'density');
  if (s.kind !== 'density') return;
  assert.equal(s.bins.map((b) => b.count), [1029, 21, 1050]); // (0,0), (0,29), (39,0)
  close(s.bins[0].logViews0, 1);
  close(s.bins[0].logViews1, 1.05);
  close(s.bins[1].rate1, 0.199, 1e-9); // h carries float error: 2099*0.99 = 2078.0099999999998
  close(s.bins[1].rate0, 0.1 + 29 * (0.099 / 30), 1e-9);
  close(s.bins[2].logViews0, 2.95);
  close(s.bins[2].logViews1, 3);
});
sc('2000 plottable rows are still points', () => {
  const n = 2000;
  const s = scatterOf(new Float64Array(n).fill(5), new Float64Array(n).fill(0.2), Uint32Array.from({ length: n }, (_, i) => i), () => false);
  assert.is(s.kind, 'points');
});
sc.run();
