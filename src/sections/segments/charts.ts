// Segment comparison charts: one bar chart per configured comparison (its top 20 segments).
import type { SegmentResult } from '../../types.ts';
import { formatKind, isolate } from '../../format.ts';
import { AGGREGATION_LABEL, capitalise, metricKind, metricLabel, SEGMENT_BY_LABEL } from '../../vocabulary.ts';
import { finite, horizontalBars, type ChartSpec } from '../../charts/specs.ts';
import type { ChartTheme } from '../../charts/theme.ts';

export function segmentTitle(s: SegmentResult): string {
  const agg = capitalise(AGGREGATION_LABEL[s.aggregation] ?? 'median'); // an unknown one is refused by the config
  return `${agg} ${metricLabel(s.metric).toLowerCase()} by ${SEGMENT_BY_LABEL[s.by].label}`;
}

export function segmentBars(s: SegmentResult, index: number, t: ChartTheme): ChartSpec {
  const kind = metricKind(s.metric);
  const rows = s.rows.filter((r) => finite(r.value)).slice(0, 20).map((r) => ({ label: r.segment, value: r.value as number, videos: r.videos }));
  const title = segmentTitle(s);
  const description = rows.length
    ? `Horizontal bars of the top ${rows.length} segments by ${title.toLowerCase()}: ` +
      rows.slice(0, 5).map((r) => `${isolate(r.label)} ${formatKind(r.value, kind)}`).join(', ') + (rows.length > 5 ? ', …' : '.')
    : `${title}: no segments in scope.`;
  const unit = kind === 'rate' ? ' (%)' : kind === 'score' ? ' (points)' : ' (count)';
  const spec = horizontalBars({
    t,
    title: rows.length < s.rows.length ? `${title} (top 20)` : title,
    description,
    rows,
    kind,
    valueTitle: `${s.aggregation[0].toUpperCase()}${s.aggregation.slice(1)} ${metricLabel(s.metric).toLowerCase()}${unit}`,
    categoryTitle: capitalise(SEGMENT_BY_LABEL[s.by].label),
    size: 'half',
  });
  return { id: `segment-${index + 1}`, caption: 'Top 20 segments at most, highest first.', title, description, size: 'half', spec };
}

/** A chart per comparison, null for one with no data (the view shows its reason). */
export function segmentsCharts(segments: SegmentResult[], t: ChartTheme): (ChartSpec | null)[] {
  return segments.map((s, i) => (s.available ? segmentBars(s, i, t) : null));
}
