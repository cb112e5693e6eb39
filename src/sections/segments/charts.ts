// Segment comparison charts: one bar chart per configured comparison (its top 20 segments).
import type { SegmentResult } from '../../types.ts';
import { isolate } from '../../format.ts';
import { formatValue, metricKind, finite, horizontalBars, METRIC_LABEL, type ChartSpec } from '../../charts/specs.ts';
import type { ChartTheme } from '../../charts/theme.ts';

const SEGMENT_LABEL: Record<SegmentResult['by'], string> = {
  platform: 'platform',
  country: 'country',
  category: 'category',
  duration_bucket: 'duration bucket',
  performance_tier: 'performance tier',
};
export function segmentTitle(s: SegmentResult): string {
  const agg = s.aggregation === 'sum' ? 'Total' : s.aggregation === 'mean' ? 'Average' : 'Median';
  return `${agg} ${METRIC_LABEL[s.metric].toLowerCase()} by ${SEGMENT_LABEL[s.by]}`;
}

export function segmentBars(s: SegmentResult, index: number, t: ChartTheme): ChartSpec {
  const kind = metricKind(s.metric);
  const rows = s.rows.filter((r) => finite(r.value)).slice(0, 20).map((r) => ({ label: r.segment, value: r.value as number, videos: r.videos }));
  const title = segmentTitle(s);
  const description = rows.length
    ? `Horizontal bars of the top ${rows.length} segments by ${title.toLowerCase()}: ` +
      rows.slice(0, 5).map((r) => `${isolate(r.label)} ${formatValue(r.value, kind)}`).join(', ') + (rows.length > 5 ? ', …' : '.')
    : `${title}: no segments in scope.`;
  const unit = kind === 'rate' ? ' (%)' : kind === 'score' ? ' (points)' : ' (count)';
  const spec = horizontalBars({
    t,
    title: rows.length < s.rows.length ? `${title} (top 20)` : title,
    description,
    rows,
    kind,
    valueTitle: `${s.aggregation[0].toUpperCase()}${s.aggregation.slice(1)} ${METRIC_LABEL[s.metric].toLowerCase()}${unit}`,
    categoryTitle: SEGMENT_LABEL[s.by][0].toUpperCase() + SEGMENT_LABEL[s.by].slice(1),
    size: 'half',
  });
  return { id: `segment-${index + 1}`, caption: 'Top 20 segments at most, highest first.', title, description, size: 'half', spec };
}

/** A chart per comparison, null for one with no data (the view shows its reason). */
export function segmentsCharts(segments: SegmentResult[], t: ChartTheme): (ChartSpec | null)[] {
  return segments.map((s, i) => (s.available ? segmentBars(s, i, t) : null));
}
