// Rows in scope and scope-relative labels (tiers, viral potential, threshold); expected
// quantiles are worked by hand with type 7: q(p) = x[h] + frac(h)*(x[h+1]-x[h]), h = (n-1)p.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { buildScope, filterProblems, labelsByRow, resolveThreshold, scopeSortedScores, scopeSortedViews, selectRows, unmatchedFilterValues } from '../src/data/scope.ts';
import { deriveMetrics } from '../src/data/derive.ts';
import { TIERS, VIRAL_POTENTIAL } from '../src/types.ts';
import type { Dataset, Derived, Filters } from '../src/types.ts';
import { makeDataset } from './helpers/dataset.ts';
import { testConfig } from './helpers/config.ts';

const scoring = testConfig().scoring;
const noFilters: Filters = { platform: [], country: [], category: [], creator: [], minViews: 0 };
const close = (a: number | null, b: number, eps = 1e-12) => assert.ok(a !== null && Math.abs(a - b) <= eps * Math.max(1, Math.abs(b)), `${a} != ${b}`);
const rowsOf = (ds: Dataset, f: Partial<Filters>, days: { from: number; to: number } | null = null) =>
  Array.from(selectRows(ds, { ...noFilters, ...f }, days));
const day = (iso: string) => Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / 86400000;

/** Derived metrics with hand-picked scores, so viral potential is easy to work by hand. */
function withScores(ds: Dataset, scores: (number | null)[]): Derived {
  const d = deriveMetrics(ds, scoring);
  d.viralityScore = Float64Array.from(scores, (s) => (s === null ? NaN : s));
  return d;
}
const tierNames = (t: Int8Array) => Array.from(t, (k) => TIERS[k]);
const vpNames = (t: Int8Array) => Array.from(t, (k) => VIRAL_POTENTIAL[k]);

const ds = makeDataset({
  views: [100, 5, null, 300, 50, 0],
  platform: ['TikTok', 'YouTube', 'TikTok', ' TikTok ', null, 'tiktok'],
  creator: ['ann', 'bob', 'ann', 'cyd', 'ann', 'bob'],
  date: ['2025-06-01', '2025-06-02', '2025-06-03', null, '2025-06-05', '2025-06-06T10:00'],
});

// ---
const s = suite('selectRows');
s('no filters: every row, ascending', () => assert.equal(rowsOf(ds, {}), [0, 1, 2, 3, 4, 5]));
s('text filter: exact and case-sensitive after trimming both sides; missing cells fail', () => {
  // ' TikTok ' (row 3) trims to TikTok; 'tiktok' (row 5) differs in case; row 4 has no platform
  assert.equal(rowsOf(ds, { platform: ['TikTok'] }), [0, 2, 3]);
  assert.equal(rowsOf(ds, { platform: ['  TikTok'] }), [0, 2, 3]);
  assert.equal(rowsOf(ds, { platform: ['TikTok', 'YouTube'] }), [0, 1, 2, 3]);
  assert.equal(rowsOf(ds, { platform: ['Snapchat'] }), []);
});
s('filters combine with AND', () => assert.equal(rowsOf(ds, { platform: ['TikTok'], creator: ['ann'] }), [0, 2]));
s('filter on a concept the dataset lacks selects nothing', () => assert.equal(rowsOf(ds, { country: ['US'] }), []));
s('minViews: views >= minViews, missing views fail; 0 means no filter', () => {
  assert.equal(rowsOf(ds, { minViews: 50 }), [0, 3, 4]); // 100, 300, 50 (50 >= 50)
  assert.equal(rowsOf(ds, { minViews: 0 }), [0, 1, 2, 3, 4, 5]); // missing and 0 kept
});
s('publish-day range is inclusive; missing day fails when a range is set', () => {
  assert.equal(rowsOf(ds, {}, { from: day('2025-06-02'), to: day('2025-06-05') }), [1, 2, 4]); // row 3 has no date
  assert.equal(rowsOf(ds, {}, { from: day('2025-06-06'), to: day('2025-06-06') }), [5]);
  assert.equal(rowsOf(makeDataset({ views: [1, 2] }), {}, { from: 0, to: 1e6 }), []); // no date column
});
s('empty dataset', () => assert.equal(rowsOf(makeDataset({ views: [] }), { minViews: 5 }), []));
s.run();

// ---
const fp = suite('filterProblems');
fp('a set filter on an absent column is a problem; empty lists are not', () => {
  assert.equal(filterProblems(ds, { ...noFilters, country: ['US'], category: [] }), ['filters.country is set but the input has no country column']);
  assert.equal(filterProblems(ds, { ...noFilters, platform: ['Nope'] }), []); // present column, no match: not a problem
});
fp.run();

// ---
const um = suite('unmatchedFilterValues');
um('values matching no dictionary value (after trimming)', () => {
  assert.equal(unmatchedFilterValues(ds, { ...noFilters, platform: ['TikTok', 'Tiktok', 'Snap'] }), [
    { filter: 'platform', value: 'Tiktok' },
    { filter: 'platform', value: 'Snap' },
  ]);
});
um.run();

// ---
const b = suite('buildScope');
b('tiers from the views > 0 in scope', () => {
  const t = makeDataset({ views: [10, 20, 30, 40, 50, 0, null] });
  const sc = buildScope(t, deriveMetrics(t, scoring), Uint32Array.from([0, 1, 2, 3, 4, 5, 6]), scoring);
  // positives [10,20,30,40,50], n=5: q50 h=2 -> 30; q80 h=3.2 -> 42; q95 h=3.8 -> 48; q99 h=3.96 -> 49.6
  assert.is(sc.tierCuts.q50, 30);
  close(sc.tierCuts.q80, 42);
  close(sc.tierCuts.q95, 48);
  close(sc.tierCuts.q99, 49.6);
  // 10,20,30 <= 30 Baseline; 40 <= 42 Strong; 50 > 49.6 Top 1%; 0 and missing Unknown
  assert.equal(tierNames(sc.tier), ['Baseline', 'Baseline', 'Baseline', 'Strong', 'Top 1%', 'Unknown', 'Unknown']);
});
b('tiers are relative to the scope, not the dataset', () => {
  const t = makeDataset({ views: [10, 20, 30, 40, 50] });
  const sc = buildScope(t, deriveMetrics(t, scoring), Uint32Array.from([0, 1, 2]), scoring);
  // [10,20,30]: q50 20; q80 h=1.6 -> 26; q95 h=1.9 -> 29; q99 h=1.98 -> 29.8 => 30 is Top 1%
  assert.equal(tierNames(sc.tier), ['Baseline', 'Baseline', 'Top 1%']);
  assert.equal(Array.from(sc.rows), [0, 1, 2]);
});
b('all views equal: every cut equals them, all Baseline (<= q50)', () => {
  const t = makeDataset({ views: [5, 5, 5] });
  assert.equal(tierNames(buildScope(t, deriveMetrics(t, scoring), Uint32Array.from([0, 1, 2]), scoring).tier), ['Baseline', 'Baseline', 'Baseline']);
});
b('all views 0: every row Unknown, no cuts', () => {
  const t = makeDataset({ views: [0, 0] });
  const sc = buildScope(t, deriveMetrics(t, scoring), Uint32Array.from([0, 1]), scoring);
  assert.equal(tierNames(sc.tier), ['Unknown', 'Unknown']);
  assert.equal(sc.tierCuts, { q50: null, q80: null, q95: null, q99: null });
});
b('viral potential from the scores in scope; NaN score is Unknown', () => {
  const t = makeDataset({ views: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1] });
  const derived = withScores(t, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, null]);
  const sc = buildScope(t, derived, Uint32Array.from([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]), scoring);
  // scores 1..10, n=10: q75 h=6.75 -> 7.75; q90 h=8.1 -> 9.1 => 10 High; 8, 9 Medium; rest Low
  close(sc.scoreCuts.medium, 7.75);
  close(sc.scoreCuts.high, 9.1);
  assert.equal(vpNames(sc.viralPotential), ['Low', 'Low', 'Low', 'Low', 'Low', 'Low', 'Low', 'Medium', 'Medium', 'High', 'Unknown']);
});
b('single row: it is its own quantile, Baseline and High', () => {
  const t = makeDataset({ views: [100] });
  const sc = buildScope(t, deriveMetrics(t, scoring), Uint32Array.from([0]), scoring);
  assert.equal(tierNames(sc.tier), ['Baseline']);
  assert.equal(vpNames(sc.viralPotential), ['High']);
});
b('sorted views and scores kept for the sections equal a fresh sort, views <= 0 and -0 included', () => {
  const t = makeDataset({ views: [30, 0, -5, null, 7, -0, 30, 2] });
  const derived = withScores(t, [3, null, 1, 2, -0, 0, 5, 1]);
  const rows = Uint32Array.from([0, 1, 2, 3, 4, 5, 6, 7]);
  const sc = buildScope(t, derived, rows, scoring);
  const signed = (a: Float64Array) => Array.from(a, (x) => (Object.is(x, -0) ? '-0' : x));
  assert.equal(signed(scopeSortedViews(sc, t.num.views!)), [-5, '-0', 0, 2, 7, 30, 30]);
  assert.equal(signed(scopeSortedScores(sc, derived.viralityScore)), ['-0', 0, 1, 1, 2, 3, 5]);
  // a hand-made scope (no sorted values) gets the same by sorting
  const bare = { ...sc, sorted: undefined };
  assert.equal(signed(scopeSortedViews(bare, t.num.views!)), [-5, '-0', 0, 2, 7, 30, 30]);
  assert.equal(signed(scopeSortedScores(bare, derived.viralityScore)), ['-0', 0, 1, 1, 2, 3, 5]);
  // only positive views: buildScope's array itself, no copy
  const p = makeDataset({ views: [4, 1, 9] });
  const ps = buildScope(p, deriveMetrics(p, scoring), Uint32Array.from([0, 1, 2]), scoring);
  assert.is(scopeSortedViews(ps, p.num.views!), ps.sorted!.positiveViews);
});
b('empty scope', () => {
  const sc = buildScope(ds, deriveMetrics(ds, scoring), new Uint32Array(0), scoring);
  assert.is(sc.tier.length, 0);
  assert.equal(sc.scoreCuts, { medium: null, high: null });
});
b.run();

// ---
const r = suite('resolveThreshold');
const ten = Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
r('auto is q90 of the scores in scope', () => {
  const t = resolveThreshold({ kind: 'auto' }, ten);
  close(t.value, 9.1); // h = 9*0.9 = 8.1 -> 9 + 0.1*(10-9)
  assert.is(t.rule, 'auto (q90)');
});
r('a number is taken as is', () => assert.equal(resolveThreshold({ kind: 'value', value: 3.5 }, ten), { value: 3.5, rule: 'value' }));
r('top N% is the (1 - N/100) quantile', () => {
  const t = resolveThreshold({ kind: 'top', percent: 20 }, ten);
  close(t.value, 8.2); // q0.8: h = 7.2 -> 8 + 0.2*1
  assert.is(t.rule, 'top 20%');
  assert.is(resolveThreshold({ kind: 'top', percent: 100 }, ten).value, 1); // q0 = min
});
r('no scores: quantile rules give null, a value stays', () => {
  assert.is(resolveThreshold({ kind: 'auto' }, []).value, null);
  assert.is(resolveThreshold({ kind: 'top', percent: 10 }, []).value, null);
  assert.is(resolveThreshold({ kind: 'value', value: 2 }, []).value, 2);
});
r.run();

// ---
const l = suite('labelsByRow');
l('spreads scope labels to dataset rows, -1 outside the scope', () => {
  const sc = { rows: Uint32Array.from([1, 3]), tier: Int8Array.from([2, 0]) };
  assert.equal(Array.from(labelsByRow(5, sc as never, sc.tier)), [-1, 2, -1, 0, -1]);
});
l.run();
