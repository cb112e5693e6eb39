// Segment comparison findings: per comparison, how far the strongest segment is above the weakest.
import type { Insight, ReportModel, SegmentResult } from '../../types.ts';
import { formatInt, formatKind } from '../../format.ts';
import { aggregatedMetric, metricKind, SEGMENT_BY_LABEL } from '../../vocabulary.ts';
import { t, tOr, tp } from '../../i18n/index.ts';
import { insight, isNum, LIFT_EPSILON, MIN_COMPARED_GROUPS, MIN_GROUP_VIDEOS, MIN_LIFT, MIN_SCOPE_VIDEOS, pct1, v } from '../../findings.ts';
import { SEGMENT_TOP } from './compute.ts';

/**
 * segment-spread: per available comparison, the strongest and weakest segment with >= MIN_GROUP_VIDEOS
 * videos, lift = strongest / weakest - 1, reported when >= MIN_LIFT (weakest value must be > 0).
 * Views by performance tier is skipped: tiers are cut by views, so its spread is true by construction.
 * When the list is cut at SEGMENT_TOP rows the weakest is "the lowest of the N shown".
 */
export function segmentInsights(model: ReportModel): Insight[] {
  if (model.overview.videos < MIN_SCOPE_VIDEOS) return [];
  const out: Insight[] = [];
  for (const s of model.segments) out.push(...segmentSpread(s));
  return out;
}

function segmentSpread(s: SegmentResult): Insight[] {
  if (!s.available || (s.by === 'performance_tier' && s.metric === 'views')) return [];
  const valued = s.rows.filter((r): r is { segment: string; videos: number; value: number } => r.videos > 0 && isNum(r.value));
  const eligible = valued.filter((r) => r.videos >= MIN_GROUP_VIDEOS);
  if (eligible.length < MIN_COMPARED_GROUPS) return [];
  let strong = eligible[0];
  let weak = eligible[0];
  for (const r of eligible) {
    if (r.value > strong.value) strong = r;
    if (r.value < weak.value) weak = r;
  }
  if (!(weak.value > 0)) return [];
  const lift = strong.value / weak.value - 1;
  if (lift < MIN_LIFT - LIFT_EPSILON) return [];
  const small = valued.filter((r) => r.videos < MIN_GROUP_VIDEOS);
  const qualified = small.some((r) => r.value > strong.value || r.value < weak.value);
  const truncated = s.rows.length >= SEGMENT_TOP;
  const fmt = (v: number) => formatKind(v, metricKind(s.metric));
  const metric = aggregatedMetric(s.aggregation, s.metric);
  const figures: Insight['figures'] = {
    by: s.by, metric: s.metric, aggregation: s.aggregation,
    strongest: strong.segment, strongestValue: strong.value, weakest: weak.segment, weakestValue: weak.value, lift,
  };
  if (qualified) figures.minGroupVideos = MIN_GROUP_VIDEOS;
  if (truncated) figures.shown = s.rows.length;
  const among = qualified ? t('insight.segments.among', { n: formatInt(MIN_GROUP_VIDEOS) }) : '';
  const shown = truncated ? t('insight.segments.shown', { n: formatInt(s.rows.length) }) : '';
  const text = tp('insight.segments', {
    by: tOr(`segmentBy.${s.by}.short`, SEGMENT_BY_LABEL[s.by]?.short ?? s.by), among, strong: v(strong.segment), metric, strongValue: fmt(strong.value),
    lift: pct1(lift), weak: v(weak.segment), shown, weakValue: fmt(weak.value),
  });
  return [insight('segments', 'segment-spread', text, figures)];
}
