// The report's words for its figures, written once: each metric's label, kind and source column,
// the rank-by and segment-by choices with their labels, and the per-row values a metric is
// computed from. Charts, views and insight sentences all take their labels and kinds from here.
import type { Aggregation, Dataset, Derived, Metric, NumericConcept, RankBy, SegmentBy } from './types.ts';
import type { ValueKind } from './format.ts';

export interface MetricTerm {
  /** as a title or a chart axis: "Engagement rate" (sentences use it in lower case) */
  label: string;
  kind: Exclude<ValueKind, 'int'>;
  /** the input column the metric is, or (derived metrics) needs: null when it is derived from whatever is there */
  column: NumericConcept | null;
}

export const METRICS: Readonly<Record<Metric, MetricTerm>> = {
  views: { label: 'Views', kind: 'count', column: 'views' },
  likes: { label: 'Likes', kind: 'count', column: 'likes' },
  comments: { label: 'Comments', kind: 'count', column: 'comments' },
  shares: { label: 'Shares', kind: 'count', column: 'shares' },
  // per view: no views column, no engagement rate
  engagement_rate: { label: 'Engagement rate', kind: 'rate', column: 'views' },
  // from views, likes, comments and shares, each counting 0 when absent (data/derive.ts)
  virality_score: { label: 'Virality score', kind: 'score', column: null },
};

export const metricLabel = (m: Metric): string => METRICS[m].label;
/** A metric's kind; a metric the config would refuse reads as a count (an unavailable segment still has a view). */
export const metricKind = (m: Metric): MetricTerm['kind'] => METRICS[m]?.kind ?? 'count';

/** How each aggregation reads in a sentence ("median", "average", "total"); titles capitalise it. */
export const AGGREGATION_LABEL: Readonly<Record<Aggregation, string>> = { median: 'median', mean: 'average', sum: 'total' };

export const capitalise = (s: string): string => s[0].toUpperCase() + s.slice(1);

/** The creator leaderboard's rank-by choices, in the order every leaderboard is listed. */
export const RANK_BYS: readonly RankBy[] = ['views', 'engagement_rate', 'shares', 'comments', 'virality_score'];

/**
 * What a leaderboard ranked by each choice shows: `label` as a title ("total views"), `short` in
 * a movement sentence ("the top 15 by views"); counts are totals, rates and scores medians.
 */
export const RANK_BY_LABEL: Readonly<Record<RankBy, { label: string; short: string }>> = {
  views: { label: 'total views', short: 'views' },
  engagement_rate: { label: 'median engagement rate', short: 'median engagement rate' },
  shares: { label: 'total shares', short: 'shares' },
  comments: { label: 'total comments', short: 'comments' },
  virality_score: { label: 'median virality score', short: 'median virality score' },
};

/** The segment dimensions: `label` in chart titles ("duration bucket"), `short` in sentences ("by duration"). */
export const SEGMENT_BY_LABEL: Readonly<Record<SegmentBy, { label: string; short: string }>> = {
  platform: { label: 'platform', short: 'platform' },
  country: { label: 'country', short: 'country' },
  category: { label: 'category', short: 'category' },
  duration_bucket: { label: 'duration bucket', short: 'duration' },
  performance_tier: { label: 'performance tier', short: 'performance tier' },
};

/** The creators section's concentration figure is the share of views of this many top creators. */
export const TOP_SHARE_CREATORS = 5;

/**
 * The per-row values of a metric, or null when the input lacks the column it is or needs (no
 * engagement rate without views). Growth series and segment comparisons both take their values
 * here. (They used to differ without a views column, segments then still taking the derived
 * engagement rate, every row missing; the reader refuses an input without views, so no report
 * ever showed the difference.)
 */
export function metricValues(ds: Dataset, derived: Derived, metric: Metric): Float64Array | null {
  const column = METRICS[metric]?.column;
  if (column === undefined || (column !== null && !ds.num[column])) return null;
  switch (metric) {
    case 'engagement_rate':
      return derived.engagementRate;
    case 'virality_score':
      return derived.viralityScore;
    default:
      return ds.num[metric] ?? null;
  }
}
