// Overview figures by hand on small fixtures, plus one cross-check against numbers the
// independent pandas implementation (shared/bench/pandas_peer.py) printed for a 40-row file.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { StatsScratch } from '../../../src/stats/group.ts';
import { computeOverview } from '../../../src/sections/overview/compute.ts';
import { computeVirality } from '../../../src/sections/virality/compute.ts';
import { computeSegments } from '../../../src/sections/segments/compute.ts';
import { deriveMetrics } from '../../../src/data/derive.ts';
import { buildScope, selectRows } from '../../../src/data/scope.ts';
import type { Dataset, ReportSpec } from '../../../src/types.ts';
import type { SectionContext } from '../../../src/sections/context.ts';
import { makeDataset } from '../../helpers/dataset.ts';
import { testConfig, testReport, testSections } from '../../helpers/config.ts';

const close = (a: number | null, b: number, eps = 1e-12) => assert.ok(a !== null && Math.abs(a - b) <= eps * Math.max(1, Math.abs(b)), `${a} != ${b}`);

/** A section context over `ds` with every row in scope (or the given rows). */
function contextOf(ds: Dataset, report: ReportSpec = testReport(), rows?: number[]): SectionContext {
  const config = testConfig();
  const derived = deriveMetrics(ds, config.scoring);
  const inScope = rows ? Uint32Array.from(rows) : selectRows(ds, report.filters, null);
  return { dataset: ds, derived, scope: buildScope(ds, derived, inScope, config.scoring), report, config, scratch: new StatsScratch() };
}

// ---
const o = suite('computeOverview');
// rate: row0 10/100 = 0.1, row1 30/200 = 0.15, row2 30/300 = 0.1, row3 80/400 = 0.2, rows 4-5 none
// score: 0.3*ln(1+views) + 0.3*rate*100 (shares 0): row0 4.3845, row1 6.0910, row2 4.7121,
//   row3 7.7982, rows 4-5 0 -> sorted [0,0,4.3845,4.7121,6.0910,7.7982]
//   q75 h=3.75 -> 4.7121 + 0.75*1.3789 = 5.7463; q90 h=4.5 -> 6.9446 => row3 High, row1 Medium
const six = makeDataset({
  views: [100, 200, 300, 400, 0, null],
  likes: [10, 30, null, 80, 5, 3],
  comments: [0, 0, 30, 0, 0, 0],
  shares: [0, 0, 0, 0, 0, 0],
  duration: [10, 20, 30, null, 5, 40],
  platform: ['B', 'A', 'A', 'B', 'C', null],
});
o('headline KPIs and quick snapshot', () => {
  const ov = computeOverview(contextOf(six));
  assert.is(ov.videos, 6);
  assert.is(ov.totalViews, 1000); // 100+200+300+400+0, missing as 0
  assert.is(ov.averageViews, 200); // 1000 / 5 non-missing
  assert.is(ov.medianViews, 200); // [0,100,200,300,400]
  close(ov.p90Views, 360); // h=3.6 -> 300 + 0.6*100
  close(ov.medianEngagementRate, 0.125); // [0.1,0.1,0.15,0.2]: h=1.5 -> 0.125
  close(ov.p90EngagementRate, 0.185); // h=2.7 -> 0.15 + 0.7*0.05
  assert.is(ov.medianDurationSec, 20); // [5,10,20,30,40]
  close(ov.highViralPotentialShare, 1 / 6);
  assert.equal(ov.platforms, ['A', 'B', 'C']); // A 2, B 2 (tie by name), C 1
});
o('tiers: five-number summary per tier, all five real tiers listed, Unknown when it holds videos', () => {
  const ov = computeOverview(contextOf(six));
  // positives [100,200,300,400]: q50 250, q80 h=2.4 -> 340, q95 h=2.85 -> 385, q99 h=2.97 -> 397
  // => 100,200 Baseline; 300 Strong; 400 Top 1%; views 0 and missing Unknown
  assert.equal(ov.tiers, [
    // Baseline [100,200]: q1 h=0.25 -> 125, median 150, q3 175; rates [0.1,0.15] -> 0.125
    { tier: 'Baseline', videos: 2, minViews: 100, q1: 125, median: 150, q3: 175, maxViews: 200, medianEngagementRate: 0.125 },
    { tier: 'Strong', videos: 1, minViews: 300, q1: 300, median: 300, q3: 300, maxViews: 300, medianEngagementRate: 0.1 },
    { tier: 'High', videos: 0, minViews: null, q1: null, median: null, q3: null, maxViews: null, medianEngagementRate: null },
    { tier: 'Top 5%', videos: 0, minViews: null, q1: null, median: null, q3: null, maxViews: null, medianEngagementRate: null },
    { tier: 'Top 1%', videos: 1, minViews: 400, q1: 400, median: 400, q3: 400, maxViews: 400, medianEngagementRate: 0.2 },
    // non-missing views of Unknown: [0]; no rate without views
    { tier: 'Unknown', videos: 2, minViews: 0, q1: 0, median: 0, q3: 0, maxViews: 0, medianEngagementRate: null },
  ]);
  assert.equal(ov.tiersByEngagement, [
    { tier: 'Top 1%', medianEngagementRate: 0.2 },
    { tier: 'Baseline', medianEngagementRate: 0.125 },
    { tier: 'Strong', medianEngagementRate: 0.1 },
  ]);
  assert.equal(ov.viralPotential, [
    { label: 'High', videos: 1, share: 1 / 6 },
    { label: 'Medium', videos: 1, share: 1 / 6 },
    { label: 'Low', videos: 4, share: 4 / 6 },
  ]);
});
o('tiersByEngagement: equal rates rank by tier name (code point)', () => {
  // views 10..200 step 10 (n=20), rate 0.1 everywhere: q50 h=9.5 -> 105, q80 h=15.2 -> 162,
  // q95 h=18.05 -> 190.5, q99 h=18.81 -> 198.1 => 10 Baseline, 6 Strong, 3 High, Top 5% empty, 1 Top 1%
  const views = Array.from({ length: 20 }, (_, i) => 10 * (i + 1));
  const ov = computeOverview(contextOf(makeDataset({ views, likes: views.map((v) => v / 10) })));
  assert.equal(ov.tiers.map((t) => [t.tier, t.videos]), [['Baseline', 10], ['Strong', 6], ['High', 3], ['Top 5%', 0], ['Top 1%', 1]]);
  assert.equal(ov.tiersByEngagement.map((t) => t.tier), ['Baseline', 'High', 'Strong', 'Top 1%']);
});
o('all views 0: no rates, every tier Unknown; equal scores are all High (>= q90, as pandas)', () => {
  const ov = computeOverview(contextOf(makeDataset({ views: [0, 0, 0], likes: [1, 2, 3] })));
  assert.is(ov.totalViews, 0);
  assert.is(ov.averageViews, 0);
  assert.is(ov.medianViews, 0);
  assert.is(ov.medianEngagementRate, null);
  assert.equal(ov.tiers.map((t) => t.videos), [0, 0, 0, 0, 0, 3]);
  assert.equal(ov.tiersByEngagement, []);
  // every score 0.3*ln(1) = 0 -> q75 = q90 = 0 -> all High
  assert.equal(ov.viralPotential, [
    { label: 'High', videos: 3, share: 1 },
    { label: 'Medium', videos: 0, share: 0 },
    { label: 'Low', videos: 0, share: 0 },
  ]);
  assert.is(ov.medianDurationSec, null); // no duration column
  assert.equal(ov.platforms, []); // no platform column
});
o('single row', () => {
  const ov = computeOverview(contextOf(makeDataset({ views: [50], likes: [5], platform: ['X'] })));
  assert.is(ov.videos, 1);
  assert.is(ov.medianViews, 50);
  assert.is(ov.p90Views, 50);
  close(ov.medianEngagementRate, 0.1);
  assert.is(ov.highViralPotentialShare, 1);
  assert.equal(ov.tiers[0], { tier: 'Baseline', videos: 1, minViews: 50, q1: 50, median: 50, q3: 50, maxViews: 50, medianEngagementRate: 0.1 });
  assert.equal(ov.platforms, ['X']);
});
o('empty scope: counts 0, figures null, shapes stable', () => {
  const ov = computeOverview(contextOf(six, testReport(), []));
  assert.is(ov.videos, 0);
  assert.is(ov.totalViews, 0);
  assert.is(ov.averageViews, null);
  assert.is(ov.p90EngagementRate, null);
  assert.is(ov.highViralPotentialShare, null);
  assert.equal(ov.platforms, []);
  assert.equal(ov.tiers.map((t) => t.tier), ['Baseline', 'Strong', 'High', 'Top 5%', 'Top 1%']);
  assert.equal(ov.viralPotential, [
    { label: 'High', videos: 0, share: null },
    { label: 'Medium', videos: 0, share: null },
    { label: 'Low', videos: 0, share: null },
  ]);
});
o('tier labels not cut from these views (hand-made scope): summary still from each tier\'s own views', () => {
  const ctx = contextOf(six);
  ctx.scope.tier = Int8Array.from([1, 0, 1, 0, 0, 0]); // Strong: rows 0, 2; Baseline: rows 1, 3, 4, 5
  const ov = computeOverview(ctx);
  assert.equal(ov.tiers.map((t) => [t.tier, t.videos, t.minViews, t.median, t.maxViews]).slice(0, 2), [
    ['Baseline', 4, 0, 200, 400], // non-missing views [0, 200, 400]
    ['Strong', 2, 100, 200, 300], // [100, 300]
  ]);
  // same tier sizes as the real cut (2, 1, 0, 0, 1) but swapped labels: Baseline {200, 300}, Strong {100}
  ctx.scope.tier = Int8Array.from([1, 0, 0, 4, 5, 5]);
  const swapped = computeOverview(ctx);
  assert.equal(swapped.tiers.map((t) => [t.tier, t.videos, t.minViews, t.maxViews]).slice(0, 2), [['Baseline', 2, 200, 300], ['Strong', 1, 100, 100]]);
});
o('only rows in scope count (filter platform A)', () => {
  const report = testReport({ filters: { platform: ['A'], country: [], category: [], creator: [], minViews: 0 } });
  const ov = computeOverview(contextOf(six, report));
  assert.is(ov.videos, 2); // rows 1, 2
  assert.is(ov.totalViews, 500);
  assert.is(ov.medianViews, 250);
  assert.equal(ov.platforms, ['A']);
});
o.run();

// ---
// 40 rows from a seeded generator, written as CSV and run through
//   /usr/bin/python3 shared/bench/pandas_peer.py x.csv map.json     (pandas 1.5.3, numpy 1.24.2)
// with map.json = {views, likes, comments, shares, duration: duration_sec, date: publish_time,
// platform, creator, title, category, country}. Candidate order, by-platform medians and the
// creator medians come from the same pandas formulas (score >= s.quantile(0.9), sorted desc;
// groupby('platform').median(); df[df.creator=='ann'].views.median()). The constants below are
// what pandas printed; this test needs neither python nor ../shared at run time.
const peer = makeDataset({
  views: [1973, 237, 5427, 0, 21986, 1440, 528, 70541, 5132, 985, 12612, null, 456, 204, 60420, 600792, 1731, 0, 27776, 978, 4041, 1299, 401, 211044, 2999, 632260, 642014, 259, 5787, 40, 28594, 7881, 8616, 8212, 2799, 820360, 429570, 2082, 167615, 9356],
  likes: [35, 16, 45, 0, 130, null, 36, 4777, 193, 21, 1324, 30, 18, 13, 4309, 34180, 120, 0, 1645, 45, 134, 64, null, 4617, 203, 49693, 52432, 19, 76, 380, 509, 109, 88, 681, 231, 84988, 18335, 55, 16459, 820],
  comments: [25, 4, 9, 0, 97, 3, 6, 873, 60, 15, 183, 4, 8, null, 700, 7980, 23, 0, 121, 17, 11, 9, 1, 1189, 57, 9354, 7181, 0, 69, 50, 144, 76, 17, 84, 51, 11422, 1914, 33, 2480, 185],
  shares: [4, 1, 69, 0, 367, 13, 5, 1050, null, 2, 108, 9, 5, 5, 826, 1093, 23, 0, 239, 2, 52, 34, 2, 922, 62, 8661, 7666, 0, 17, 20, 297, 231, 88, 50, 63, 6426, 6979, 61, 1140, 221],
  duration: [60, 9, 90, 90, 9.5, 120, 60, null, 18, 18, 9, 36, 120, 30, 9, 120.5, 120.5, 9.5, 120.5, 45, 60, 15, 45, 60, 60, 200, 36, 15, 90, 15, 30, 45, 18, 60, 18, 30, 60, 15, 60, 45],
  title: ['video 00', 'video 01', 'video 02', 'video 03', 'video 04', 'video 05', 'video 06', 'video 07', 'video 08', null, 'video 10', 'video 11', 'video 12', 'video 13', 'video 14', 'video 15', 'video 16', 'video 17', 'video 18', 'video 19', 'video 20', 'video 21', 'video 22', 'video 23', 'video 24', 'video 25', 'video 26', 'video 27', 'video 28', 'video 29', 'video 30', 'video 31', 'video 32', 'video 33', 'video 34', 'video 35', 'video 36', 'video 37', 'video 38', 'video 39'],
  platform: ['TikTok', 'YouTube', 'Instagram', 'TikTok', 'YouTube', 'Instagram', 'TikTok', 'YouTube', 'Instagram', 'TikTok', 'YouTube', 'Instagram', 'TikTok', 'YouTube', 'Instagram', 'TikTok', 'YouTube', 'Instagram', 'TikTok', 'YouTube', 'Instagram', 'TikTok', 'YouTube', 'Instagram', 'TikTok', 'YouTube', 'Instagram', 'TikTok', 'YouTube', 'Instagram', 'TikTok', 'YouTube', 'Instagram', 'TikTok', 'YouTube', 'Instagram', 'TikTok', 'YouTube', 'Instagram', 'TikTok'],
  creator: ['ann', 'bob', 'eve', 'eve', 'ann', 'ann', 'bob', 'eve', 'ann', 'bob', 'ann', 'bob', 'ann', 'eve', 'bob', 'ann', 'ann', 'eve', 'eve', 'bob', 'ann', 'bob', 'eve', 'eve', 'ann', 'ann', 'bob', 'eve', 'ann', 'bob', 'ann', 'bob', 'ann', 'eve', 'bob', 'ann', 'ann', 'eve', 'eve', 'bob'],
  category: ['music', 'comedy', null, 'music', 'comedy', 'food', 'music', 'comedy', 'food', 'music', 'comedy', 'food', 'music', 'comedy', 'food', 'music', 'comedy', 'food', 'music', 'comedy', 'food', 'music', 'comedy', 'food', 'music', 'comedy', 'food', 'music', 'comedy', 'food', 'music', 'comedy', 'food', 'music', 'comedy', 'food', 'music', 'comedy', 'food', 'music'],
  country: ['US', 'US', 'US', 'GB', 'GB', 'GB', 'DE', 'DE', 'DE', 'US', 'US', 'US', 'GB', 'GB', 'GB', 'DE', 'DE', 'DE', 'US', 'US', 'US', 'GB', 'GB', 'GB', 'DE', 'DE', 'DE', 'US', 'US', 'US', 'GB', 'GB', 'GB', 'DE', 'DE', 'DE', 'US', 'US', 'US', 'GB'],
});
const x = suite('cross-check with pandas_peer.py');
const peerReport = testReport({
  sections: testSections({
    segments: [
      { by: 'platform', metric: 'views', aggregation: 'median' },
      { by: 'country', metric: 'engagement_rate', aggregation: 'median' },
      { by: 'duration_bucket', metric: 'views', aggregation: 'median' },
    ],
  }),
});
x('overview and tier counts', () => {
  const ov = computeOverview(contextOf(peer, peerReport));
  assert.is(ov.videos, 40);
  close(ov.totalViews, 3798447.0);
  close(ov.averageViews, 97396.07692307692);
  close(ov.medianViews, 5132.0);
  close(ov.p90Views, 463814.4000000005);
  close(ov.medianEngagementRate, 0.0721846198156682);
  close(ov.p90EngagementRate, 0.12409687284964219);
  close(ov.medianDurationSec, 45.0);
  close(ov.highViralPotentialShare, 0.1);
  const counts = Object.fromEntries(ov.tiers.map((t) => [t.tier, t.videos]));
  assert.equal(counts, { Baseline: 19, Strong: 10, High: 6, 'Top 5%': 1, 'Top 1%': 1, Unknown: 3 });
});
x('threshold, candidates, by-platform medians, outlier multiples', () => {
  const v = computeVirality(contextOf(peer, peerReport));
  close(v.threshold, 10.0899576034836);
  assert.is(v.candidates, 4);
  assert.equal(v.top.map((c) => c.title), ['video 29', 'video 35', 'video 25', 'video 26']);
  close(v.top[0].viralityScore, 302.331881, 1e-8); // views 40, rate (380+50+20)/40 = 11.25 -> capped 10
  assert.equal(v.byPlatform.map((p) => [p.platform, p.candidates]), [['Instagram', 3], ['YouTube', 1]]);
  close(v.byPlatform[0].medianScore, 11.353197, 1e-7);
  close(v.byPlatform[1].medianScore, 10.846463, 1e-7);
  close(v.top[1].outlierMultiple, 820360 / 7201.5); // ann's median views 7201.5 (16 videos)
  close(v.top[0].outlierMultiple, 40 / 1299.0); // bob's median views 1299 (12 videos)
  // np.histogram(s, bins=30): [36, 3, 0 x 27, 1]
  assert.equal(v.histogram.map((b) => b.count), [36, 3, ...new Array(27).fill(0), 1]);
});
x('segments and duration buckets', () => {
  const [platform, country, duration] = computeSegments(contextOf(peer, peerReport));
  assert.equal(platform.rows, [
    { segment: 'Instagram', videos: 13, value: 7021.5 },
    { segment: 'YouTube', videos: 13, value: 2799.0 },
    { segment: 'TikTok', videos: 14, value: 2486.0 },
  ]);
  assert.equal(country.rows.map((r) => [r.segment, r.videos]), [['DE', 12], ['US', 15], ['GB', 13]]);
  close(country.rows[0].value, 0.0992450073063809);
  close(country.rows[1].value, 0.06850273745749427);
  close(country.rows[2].value, 0.04300446639034366);
  assert.equal(duration.rows, [
    { segment: '18–36s', videos: 5, value: 335304.0 },
    { segment: '2min+', videos: 4, value: 314284.0 },
    { segment: '<9s', videos: 3, value: 12612.0 },
    { segment: '36–60s', videos: 12, value: 5961.0 },
    { segment: '9–18s', videos: 10, value: 1690.5 },
    { segment: '1–2min', videos: 5, value: 1440.0 },
  ]);
});
x.run();
