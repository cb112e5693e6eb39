// The report's words for its figures, written once: each metric's label, kind and source column,
// the rank-by and segment-by choices with their labels, and the per-row values a metric is
// computed from. Charts, views and insight sentences all take their labels and kinds from here;
// the English words here are the config's choices and metrics.json's, the report's come from
// the catalogue (src/i18n/) through the functions below.
import type { Aggregation, Dataset, Derived, Metric, NumericConcept, RankBy, SegmentBy } from './types.ts';
import { formatPlain, weekdayName, type ValueKind } from './format.ts';
import { currentLocale, t, tOr, type MessageKey } from './i18n/index.ts';
import { en as EN } from './i18n/en.ts';

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

/** A metric as a title or axis in the report's language ("Engagement rate", "Engagement-Rate"). */
export const metricLabel = (m: Metric): string => tOr(`metric.${m}`, METRICS[m]?.label ?? m);
/** A metric inside a sentence or a longer title ("engagement rate"; German keeps its nouns capitalised). */
export const metricInText = (m: Metric): string => tOr(`metric.${m}.lower`, (METRICS[m]?.label ?? m).toLowerCase());
/** "Median engagement rate", "Engagement-Rate (Median)": an aggregated metric as a title. */
export const aggregatedMetric = (a: Aggregation, m: Metric): string => tOr(`aggregate.${a}`, '{metric}', { metric: metricInText(m) });
/** A leaderboard's rank-by as a title ("total views") and in a sentence ("views"), in the report's language. */
export const rankByLabel = (r: RankBy): string => tOr(`rankBy.${r}`, RANK_BY_LABEL[r]?.label ?? r);
/** A segment dimension in a chart title ("duration bucket") and as its axis ("Duration bucket"). */
export const segmentByLabel = (b: SegmentBy): string => tOr(`segmentBy.${b}`, SEGMENT_BY_LABEL[b]?.label ?? b);
export const segmentByTitle = (b: SegmentBy): string => tOr(`segmentBy.${b}.title`, capitalise(SEGMENT_BY_LABEL[b]?.label ?? b));
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

// ---------------------------------------------------------------------------
// Labels of the model's own categories (tiers, viral potential, weekdays) as the report shows them:
// metrics.json keeps the English label, the report the reader's language.

const TIER_KEYS: Readonly<Record<string, MessageKey>> = {
  Baseline: 'tier.baseline', Strong: 'tier.strong', High: 'tier.high', 'Top 5%': 'tier.top5', 'Top 1%': 'tier.top1', Unknown: 'tier.unknown',
};
const POTENTIAL_KEYS: Readonly<Record<string, MessageKey>> = { High: 'potential.high', Medium: 'potential.medium', Low: 'potential.low', Unknown: 'potential.unknown' };
const WEEKDAY_INDEX: Readonly<Record<string, number>> = { Monday: 0, Tuesday: 1, Wednesday: 2, Thursday: 3, Friday: 4, Saturday: 5, Sunday: 6 };

/** A performance tier's name ("Top 5%", "Spitze 5 %"); a label it does not know stays as it is. */
export const tierName = (tier: string): string => (Object.hasOwn(TIER_KEYS, tier) ? t(TIER_KEYS[tier]) : tier);
/** A viral potential label ("High", "Hoch"). */
export const potentialName = (label: string): string => (Object.hasOwn(POTENTIAL_KEYS, label) ? t(POTENTIAL_KEYS[label]) : label);
/** An English weekday name of the model in the report's language ("Wednesday" -> "Mittwoch"); `short` keeps three letters' worth. */
export function weekdayLabel(day: string, short = false): string {
  if (!Object.hasOwn(WEEKDAY_INDEX, day)) return day;
  if (currentLocale().englishFormats) return short ? day.slice(0, 3) : day; // as the report always wrote them
  const name = weekdayName(WEEKDAY_INDEX[day]);
  return short ? weekdayName(WEEKDAY_INDEX[day], 'short') : name;
}

// ---------------------------------------------------------------------------
// Why a part of the report is unavailable: the model (and metrics.json) states it in English;
// the report shows the catalogue's sentence. A reason made elsewhere is shown as it is.

const REASON_KEYS: readonly MessageKey[] = [
  'reason.noVideos', 'reason.noVideosInScope', 'reason.noScore', 'reason.noCreatorColumn', 'reason.noCreator', 'reason.noDateColumn',
  'reason.noDate', 'reason.noSegmentsConfigured', 'reason.noSegmentData', 'reason.noDurationColumn', 'reason.noDuration',
  'reason.noCategoryColumn', 'reason.noCategory', 'reason.noHashtagsColumn', 'reason.noHashtag', 'reason.noColumn',
];

let reasonPatterns: { key: MessageKey; re: RegExp; names: string[] }[] | null = null;

/** A reason of the model in the report's language ("No duration column was found in the input." -> German). */
export function reasonText(reason: string | null): string | null {
  if (reason === null) return null;
  reasonPatterns ??= REASON_KEYS.map((key) => {
    const english = EN[key] as string;
    const names: string[] = [];
    const source = english.split(/\{(\w+)\}/).map((part, i) => (i % 2 ? (names.push(part), '([A-Za-z_]+)') : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('');
    return { key, re: new RegExp(`^${source}$`), names };
  });
  for (const { key, re, names } of reasonPatterns) {
    const m = re.exec(reason);
    if (m) return t(key, Object.fromEntries(names.map((n, i) => [n, m[i + 1]])));
  }
  return reason;
}

/** An availability with its reason in the report's language. */
export const availabilityText = <A extends { reason: string | null }>(a: A): A => ({ ...a, reason: reasonText(a.reason) });

/** The virality threshold's rule ("auto (q90)", "top 10%", "value") in the report's language. */
export function thresholdRuleText(rule: string | null): string {
  if (rule === null) return '';
  if (rule === 'auto (q90)') return t('threshold.rule.auto');
  if (rule === 'value') return t('threshold.rule.value');
  const top = /^top (.+)%$/.exec(rule);
  if (top) return t('threshold.rule.top', { n: currentLocale().englishFormats ? top[1] : formatPlain(Number(top[1])) });
  return rule;
}
