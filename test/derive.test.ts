// Derived metrics of SPEC section 3, every expected figure worked out by hand in a comment.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { componentRates, deriveMetrics, hourSource } from '../src/data/derive.ts';
import { DURATION_BUCKETS, WEEKDAYS } from '../src/types.ts';
import type { Dataset, ScoringConfig } from '../src/types.ts';
import { makeDataset } from './helpers/dataset.ts';
import { testConfig } from './helpers/config.ts';

const scoring = testConfig().scoring;
/** Every derived metric of a row, the on-demand component rates included. */
const all = (ds: Dataset, sc: ScoringConfig) => ({ ...deriveMetrics(ds, sc), ...componentRates(ds, sc) });
const close = (a: number, b: number, eps = 1e-12) => assert.ok(Math.abs(a - b) <= eps * Math.max(1, Math.abs(b)), `${a} != ${b}`);

// ---
const d = suite('deriveMetrics');
d('rates and score of a plain row', () => {
  const ds = makeDataset({ views: [1000], likes: [50], comments: [10], shares: [40] });
  const m = all(ds, scoring);
  // (50 + 10 + 40) / 1000 = 0.1
  close(m.engagementRate[0], 0.1);
  close(m.likeRate[0], 0.05); // 50/1000
  close(m.commentRate[0], 0.01); // 10/1000
  close(m.shareRate[0], 0.04); // 40/1000
  // 0.30*ln(1001) + 0.40*ln(41) + 0.30*(0.1*100) = 2.0726264 + 1.4854288 + 3 = 6.558055260476289
  close(m.viralityScore[0], 6.558055260476289);
});
d('engagement rate capped at 10, component rates at 1', () => {
  const ds = makeDataset({ views: [10], likes: [200], comments: [0], shares: [0] });
  const m = all(ds, scoring);
  assert.is(m.engagementRate[0], 10); // 200/10 = 20 -> 10
  assert.is(m.likeRate[0], 1); // 20 -> 1
  // 0.30*ln(11) + 0.40*ln(1) + 0.30*(10*100) = 0.7193686 + 0 + 300
  close(m.viralityScore[0], 0.3 * Math.log(11) + 300);
});
d('no likes, comments or shares column: no engagement rate (n/a, not 0); one column is enough', () => {
  const none = all(makeDataset({ views: [1000, 50] }), scoring);
  for (const i of [0, 1]) assert.ok(Number.isNaN(none.engagementRate[i]), `row ${i}`);
  // the score keeps its views term only: 0.30*ln(1001) = 2.0726264...
  close(none.viralityScore[0], 0.3 * Math.log(1001));
  const sharesOnly = all(makeDataset({ views: [1000], shares: [40] }), scoring);
  close(sharesOnly.engagementRate[0], 0.04); // 40/1000, the absent likes and comments count 0
});
d('views 0 or missing: no rate, score is the shares term only', () => {
  const ds = makeDataset({ views: [0, null], likes: [5, 5], comments: [1, 1], shares: [9, 9] });
  const m = all(ds, scoring);
  for (const i of [0, 1]) {
    assert.ok(Number.isNaN(m.engagementRate[i]));
    assert.ok(Number.isNaN(m.likeRate[i]));
    close(m.viralityScore[i], 0.4 * Math.log(10)); // 0.40*ln(1+9) = 0.9210340
  }
});
d('missing engagement components count 0 in the numerator', () => {
  const ds = makeDataset({ views: [100, 100], likes: [null, 20], comments: [5, null], shares: [5, null] });
  const m = all(ds, scoring);
  close(m.engagementRate[0], 0.1); // (0 + 5 + 5) / 100
  assert.is(m.likeRate[0], 0); // missing cell -> 0/100
  close(m.engagementRate[1], 0.2); // (20 + 0 + 0) / 100
  // row 1: shares missing -> shares term 0: 0.30*ln(101) + 0.30*20
  close(m.viralityScore[1], 0.3 * Math.log(101) + 6);
});
d('absent component column: counts 0 in the engagement rate, its own rate is missing', () => {
  const ds = makeDataset({ views: [200], likes: [30] });
  const m = all(ds, scoring);
  close(m.engagementRate[0], 0.15); // 30/200
  close(m.likeRate[0], 0.15);
  assert.ok(Number.isNaN(m.commentRate[0]));
  assert.ok(Number.isNaN(m.shareRate[0]));
  close(m.viralityScore[0], 0.3 * Math.log(201) + 0.3 * 15); // no shares column -> term 0
});
d('a row with nothing scores 0 (every term missing), as pandas_peer', () => {
  const m = all(makeDataset({ views: [null], shares: [null] }), scoring);
  assert.is(m.viralityScore[0], 0);
});
d('negative views/shares: ln(1+x) only where defined (x > -1)', () => {
  const ds = makeDataset({ views: [-5, -0.5], shares: [-1, 0] });
  const m = all(ds, scoring);
  assert.is(m.viralityScore[0], 0); // ln(-4) and ln(0) undefined -> both terms dropped
  close(m.viralityScore[1], 0.3 * Math.log(0.5)); // ln(0.5) = -0.6931 -> -0.2079; no rate (views <= 0)
  assert.ok(Number.isNaN(m.engagementRate[1]));
});
d('weights and caps come from the scoring config', () => {
  const custom: ScoringConfig = { ...scoring, weights: { views: 1, shares: 0, engagement: 0 }, caps: { engagementRate: 0.5, componentRate: 0.2 } };
  const m = all(makeDataset({ views: [99], likes: [99], shares: [5] }), custom);
  assert.is(m.engagementRate[0], 0.5); // 104/99 -> 0.5
  assert.is(m.likeRate[0], 0.2); // 1 -> 0.2
  close(m.viralityScore[0], Math.log(100)); // 1*ln(1+99)
});
d('duration buckets are right-closed', () => {
  const secs = [0, 9, 9.5, 18, 18.5, 36, 60, 60.5, 120, 120.5, -1, null];
  const m = all(makeDataset({ views: secs.map(() => 1), duration: secs }), scoring);
  const names = Array.from(m.durationBucket, (k) => (k < 0 ? null : DURATION_BUCKETS[k]));
  assert.equal(names, ['<9s', '<9s', '9–18s', '9–18s', '18–36s', '18–36s', '36–60s', '1–2min', '1–2min', '2min+', null, null]);
});
d('no duration column: every bucket missing', () => {
  assert.equal(Array.from(all(makeDataset({ views: [1] }), scoring).durationBucket), [-1]);
});
d('weekday from the local day (day 0 = Thursday), 0 = Monday', () => {
  const ds = makeDataset({ views: [1, 1, 1, 1, 1], date: ['1970-01-01', '1970-01-05', '2025-06-01', '1969-12-31', null] });
  const m = all(ds, scoring);
  // 1970-01-05 is day 4: (4+3) mod 7 = 0 Monday; 2025-06-01 was a Sunday; day -1 = Wednesday
  assert.equal(Array.from(m.weekday, (k) => (k < 0 ? null : WEEKDAYS[k])), ['Thursday', 'Monday', 'Sunday', 'Wednesday', null]);
});
d('hour from the time of day, else an integer 0..23 hour column, else missing', () => {
  const ds = makeDataset({
    views: [1, 1, 1, 1, 1, 1, 1],
    date: ['2025-06-01T13:59', '2025-06-01T00:00', '2025-06-01', '2025-06-01', '2025-06-01', '2025-06-01', null],
    hour: [5, 5, 7, 7.5, 24, null, 23],
  });
  // 13:59 -> 13 (time wins over the column); 00:00 -> 0; date only -> column 7; 7.5 and 24 are
  // not hours; missing -> missing; no date but hour 23 -> 23
  assert.equal(Array.from(all(ds, scoring).hour), [13, 0, 7, -1, -1, -1, 23]);
});
d('empty dataset', () => {
  const m = all(makeDataset({ views: [] }), scoring);
  assert.is(m.engagementRate.length, 0);
  assert.is(m.weekday.length, 0);
});
d.run();

// ---
const h = suite('hourSource');
h('timestamp when any row has a time of day', () => {
  assert.is(hourSource(makeDataset({ date: ['2025-06-01', '2025-06-02T08:00'], hour: [1, 2] })), 'timestamp');
});
h('hour column when no time of day but a usable hour', () => {
  assert.is(hourSource(makeDataset({ date: ['2025-06-01', null], hour: [null, 4] })), 'hour-column');
});
h('null when neither', () => {
  assert.is(hourSource(makeDataset({ date: ['2025-06-01'] })), null);
  assert.is(hourSource(makeDataset({ views: [1], hour: [25] })), null); // 25 is no hour
});
h.run();
