// The report's vocabulary: one table of metrics (label, kind, column), the rank-by and segment-by
// labels, and the per-row values growth and segments are computed from.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  AGGREGATION_LABEL, METRICS, metricKind, metricValues, RANK_BY_LABEL, RANK_BYS, SEGMENT_BY_LABEL, TOP_SHARE_CREATORS,
} from '../src/vocabulary.ts';
import { formatKind } from '../src/format.ts';
import type { Dataset, Derived } from '../src/types.ts';

// two rows, a likes column and no views column: engagement rate (per view) is missing in both
const noViews = { num: { likes: Float64Array.of(3, 4) } } as unknown as Dataset;
const withViews = { num: { views: Float64Array.of(100, 200), likes: Float64Array.of(3, 4) } } as unknown as Dataset;
const derived = { engagementRate: Float64Array.of(NaN, NaN), viralityScore: Float64Array.of(0.5, 1) } as unknown as Derived;

// ---
const values = suite('metricValues');
values('nothing for a metric whose column (or, for engagement rate, the views column) is missing', () => {
  assert.is(metricValues(noViews, derived, 'engagement_rate'), null);
  assert.is(metricValues(noViews, derived, 'views'), null);
  assert.is(metricValues(noViews, derived, 'likes'), noViews.num.likes);
  assert.is(metricValues(noViews, derived, 'virality_score'), derived.viralityScore);
  assert.is(metricValues(withViews, derived, 'engagement_rate'), derived.engagementRate);
});

// ---
const terms = suite('METRICS and labels');
terms('each metric has its label, kind and column; unknown metrics read as counts', () => {
  assert.equal(Object.keys(METRICS), ['views', 'likes', 'comments', 'shares', 'engagement_rate', 'virality_score']);
  assert.equal(METRICS.engagement_rate, { label: 'Engagement rate', kind: 'rate', column: 'views' });
  assert.is(metricKind('virality_score'), 'score');
  assert.is(metricKind('shares'), 'count');
  assert.is(metricKind('nonsense' as never), 'count');
});
terms('rank-by and segment-by choices, labels and the top-share count, once', () => {
  assert.equal(RANK_BYS, ['views', 'engagement_rate', 'shares', 'comments', 'virality_score']);
  assert.equal(Object.keys(RANK_BY_LABEL).sort(), [...RANK_BYS].sort());
  assert.equal(RANK_BY_LABEL.views, { label: 'total views', short: 'views' });
  assert.equal(SEGMENT_BY_LABEL.duration_bucket, { label: 'duration bucket', short: 'duration' });
  assert.equal(AGGREGATION_LABEL, { median: 'median', mean: 'average', sum: 'total' });
  assert.is(TOP_SHARE_CREATORS, 5);
});

// ---
const kinds = suite('formatKind');
kinds('each kind as the report shows it', () => {
  assert.is(formatKind(1_234_567, 'count'), '1.2M');
  assert.is(formatKind(1_234_567, 'int'), '1,234,567');
  assert.is(formatKind(0.1234, 'rate'), '12.34%');
  assert.is(formatKind(1.234, 'score'), '1.23');
  assert.is(formatKind(75, 'seconds'), '1:15');
  assert.is(formatKind(null, 'rate'), '—');
});

values.run();
terms.run();
kinds.run();
