// Segment comparison charts: one bar chart per configured comparison (its top 20 segments).
import type { SegmentResult } from '../../types.ts';
import { formatKind, isolate } from '../../format.ts';
import { aggregatedMetric, capitalise, metricInText, metricKind, segmentByLabel, segmentByTitle, tierName } from '../../vocabulary.ts';
import { finite, horizontalBars, type ChartSpec } from '../../charts/specs.ts';
import type { ChartTheme } from '../../charts/theme.ts';
import { t as tr, titleInSentence } from '../../i18n/index.ts';

/** A segment as the report names it: a performance tier in the report's language, any other value (data) as it is. */
export const segmentName = (s: SegmentResult, segment: string): string => (s.by === 'performance_tier' ? tierName(segment) : segment);

export function segmentTitle(s: SegmentResult): string {
  // an unknown aggregation is refused by the config
  return tr('segments.title', { what: capitalise(aggregatedMetric(s.aggregation ?? 'median', s.metric)), by: segmentByLabel(s.by) });
}

export function segmentBars(s: SegmentResult, index: number, t: ChartTheme): ChartSpec {
  const kind = metricKind(s.metric);
  const rows = s.rows.filter((r) => finite(r.value)).slice(0, 20).map((r) => ({ label: segmentName(s, r.segment), value: r.value as number, videos: r.videos }));
  const title = segmentTitle(s);
  const description = rows.length
    ? tr('desc.segments', { n: String(rows.length), title: titleInSentence(title) }) +
      rows.slice(0, 5).map((r) => `${isolate(r.label)} ${formatKind(r.value, kind)}`).join(', ') + (rows.length > 5 ? ', …' : '.')
    : tr('desc.segments.none', { title });
  const unit = kind === 'rate' ? ' (%)' : kind === 'score' ? ` (${tr('unit.points')})` : ` (${tr('unit.count')})`;
  const spec = horizontalBars({
    t,
    title: rows.length < s.rows.length ? `${title} (${tr('segments.top20')})` : title,
    description,
    rows,
    kind,
    valueTitle: `${capitalise(tr(`aggregation.${s.aggregation}.axis`, { metric: metricInText(s.metric) }))}${unit}`,
    categoryTitle: segmentByTitle(s.by),
    size: 'half',
  });
  return { id: `segment-${index + 1}`, caption: tr('segments.caption'), title, description, size: 'half', spec };
}

/** A chart per comparison, null for one with no data (the view shows its reason). */
export function segmentsCharts(segments: SegmentResult[], t: ChartTheme): (ChartSpec | null)[] {
  return segments.map((s, i) => (s.available ? segmentBars(s, i, t) : null));
}
