// Segment comparisons by hand: grouping, aggregation, ranking ties by name, missing columns.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { StatsScratch } from '../../../src/stats/group.ts';
import { computeSegments } from '../../../src/sections/segments/compute.ts';
import { deriveMetrics } from '../../../src/data/derive.ts';
import { buildScope } from '../../../src/data/scope.ts';
import type { Dataset, SegmentSpec } from '../../../src/types.ts';
import type { SectionContext } from '../../../src/sections/context.ts';
import { makeDataset } from '../../helpers/dataset.ts';
import { testConfig, testReport, testSections } from '../../helpers/config.ts';

function contextOf(ds: Dataset, segments: SegmentSpec[], rows?: number[]): SectionContext {
  const config = testConfig();
  const derived = deriveMetrics(ds, config.scoring);
  const inScope = Uint32Array.from(rows ?? Array.from({ length: ds.rows }, (_, i) => i));
  const report = testReport({ sections: testSections({ segments }) });
  return { dataset: ds, derived, scope: buildScope(ds, derived, inScope, config.scoring), report, config, scratch: new StatsScratch() };
}

//        row:  0     1     2     3     4      5
const ds = makeDataset({
  platform: ['A', 'B', 'A', 'C', null, 'B'],
  views: [10, 30, 20, 5, 100, 30],
  likes: [1, 3, 2, null, 7, 0],
  shares: [1, 1, 1, null, 1, 3],
  duration: [5, 10, 9, 200, 15, null],
});

// ---
const s = suite('computeSegments');
s('median views by platform; rows without a platform left out', () => {
  const [r] = computeSegments(contextOf(ds, [{ by: 'platform', metric: 'views', aggregation: 'median' }]));
  // A [10,20] -> 15; B [30,30] -> 30; C [5] -> 5; row 4 (no platform) in no segment
  assert.equal(r, {
    by: 'platform', metric: 'views', aggregation: 'median', available: true, reason: null,
    rows: [{ segment: 'B', videos: 2, value: 30 }, { segment: 'A', videos: 2, value: 15 }, { segment: 'C', videos: 1, value: 5 }],
  });
});
s('equal values rank by segment name; sum of all-missing is 0', () => {
  const [r] = computeSegments(contextOf(ds, [{ by: 'platform', metric: 'likes', aggregation: 'sum' }]));
  // A 1+2 = 3; B 3+0 = 3 (tie -> A first); C [missing] -> 0
  assert.equal(r.rows, [{ segment: 'A', videos: 2, value: 3 }, { segment: 'B', videos: 2, value: 3 }, { segment: 'C', videos: 1, value: 0 }]);
});
s('mean with no values is null and ranks last', () => {
  const [r] = computeSegments(contextOf(ds, [{ by: 'platform', metric: 'shares', aggregation: 'mean' }]));
  // A (1+1)/2 = 1; B (1+3)/2 = 2; C none -> null
  assert.equal(r.rows, [{ segment: 'B', videos: 2, value: 2 }, { segment: 'A', videos: 2, value: 1 }, { segment: 'C', videos: 1, value: null }]);
});
s('derived metrics: engagement rate and virality score', () => {
  const [er, vs] = computeSegments(contextOf(ds, [
    { by: 'platform', metric: 'engagement_rate', aggregation: 'mean' },
    { by: 'platform', metric: 'virality_score', aggregation: 'sum' },
  ]));
  // rates: row0 (1+1)/10 = 0.2, row2 (2+1)/20 = 0.15 -> A mean 0.175;
  //        row1 (3+1)/30, row5 (0+3)/30 -> B mean 7/60 = 0.11667; row3 0/5 = 0 -> C 0
  assert.equal(er.rows.map((r) => r.segment), ['A', 'B', 'C']);
  assert.ok(Math.abs(er.rows[0].value! - 0.175) < 1e-12);
  assert.ok(Math.abs(er.rows[1].value! - 7 / 60) < 1e-12);
  assert.is(er.rows[2].value, 0);
  // C: 0.3*ln(6) + 0 (shares missing) + 0.3*0 = 0.5375
  const c = vs.rows.find((r) => r.segment === 'C')!;
  assert.ok(Math.abs(c.value! - 0.3 * Math.log(6)) < 1e-12);
});
s('duration bucket (derived): names from the buckets, missing duration left out', () => {
  const [r] = computeSegments(contextOf(ds, [{ by: 'duration_bucket', metric: 'views', aggregation: 'sum' }]));
  // <9s: rows 0 (5s), 2 (9s) -> 30; 9–18s: rows 1, 4 -> 130; 2min+: row 3 -> 5; row 5 no duration
  assert.equal(r.rows, [{ segment: '9–18s', videos: 2, value: 130 }, { segment: '<9s', videos: 2, value: 30 }, { segment: '2min+', videos: 1, value: 5 }]);
});
s('performance tier from the scope', () => {
  const [r] = computeSegments(contextOf(ds, [{ by: 'performance_tier', metric: 'views', aggregation: 'median' }]));
  // views [5,10,20,30,30,100]: q50 h=2.5 -> 25; q80 h=4 -> 30; q95 h=4.75 -> 82.5; q99 h=4.95 -> 96.5
  // Baseline 5,10,20 -> median 10; Strong 30,30 -> 30; Top 1% 100
  assert.equal(r.rows, [
    { segment: 'Top 1%', videos: 1, value: 100 },
    { segment: 'Strong', videos: 2, value: 30 },
    { segment: 'Baseline', videos: 3, value: 10 },
  ]);
});
s('only rows in scope; a value with no row in scope is no segment', () => {
  const [r] = computeSegments(contextOf(ds, [{ by: 'platform', metric: 'views', aggregation: 'sum' }], [0, 1]));
  assert.equal(r.rows, [{ segment: 'B', videos: 1, value: 30 }, { segment: 'A', videos: 1, value: 10 }]);
});
s('absent dimension or metric column: unavailable with one line, config order kept', () => {
  const out = computeSegments(contextOf(ds, [
    { by: 'country', metric: 'views', aggregation: 'median' },
    { by: 'platform', metric: 'comments', aggregation: 'sum' },
    { by: 'platform', metric: 'views', aggregation: 'sum' },
  ]));
  assert.equal(out.map((r) => [r.available, r.reason, r.rows.length]), [
    [false, 'No country column in the input.', 0],
    [false, 'No comments column in the input.', 0],
    [true, null, 3],
  ]);
  const noDuration = computeSegments(contextOf(makeDataset({ views: [1] }), [{ by: 'duration_bucket', metric: 'views', aggregation: 'sum' }]));
  assert.equal(noDuration[0].reason, 'No duration column in the input.');
});
s('top 20 kept', () => {
  // 25 categories c00..c24 with views 0..24: top 20 are c24 .. c05
  const n = 25;
  const cats = makeDataset({ views: Array.from({ length: n }, (_, i) => i), category: Array.from({ length: n }, (_, i) => `c${String(i).padStart(2, '0')}`) });
  const [r] = computeSegments(contextOf(cats, [{ by: 'category', metric: 'views', aggregation: 'sum' }]));
  assert.is(r.rows.length, 20);
  assert.is(r.rows[0].segment, 'c24');
  assert.is(r.rows[19].segment, 'c05');
});
s('empty scope and no configured comparisons', () => {
  const [r] = computeSegments(contextOf(ds, [{ by: 'platform', metric: 'views', aggregation: 'median' }], []));
  assert.equal([r.available, r.rows], [true, []]);
  assert.equal(computeSegments(contextOf(ds, [])), []);
});
s('single row', () => {
  const [r] = computeSegments(contextOf(makeDataset({ views: [7], country: ['US'] }), [{ by: 'country', metric: 'views', aggregation: 'mean' }]));
  assert.equal(r.rows, [{ segment: 'US', videos: 1, value: 7 }]);
});
s.run();
