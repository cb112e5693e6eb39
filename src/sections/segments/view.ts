// What templates/sections/segments.hbs renders: per comparison its chart and top 5, or its reason.
import type { SegmentResult } from '../../types.ts';
import * as fmt from '../../format.ts';
import { metricKind, reasonText } from '../../vocabulary.ts';
import type { Figures } from '../section.ts';
import { segmentName, segmentTitle, type segmentsCharts } from './charts.ts';

export function segmentsView(segments: SegmentResult[], figures: Figures<ReturnType<typeof segmentsCharts>>) {
  return segments.map((s, i) => {
    const kind = metricKind(s.metric);
    return {
      title: segmentTitle(s),
      available: s.available,
      reason: reasonText(s.reason),
      figure: figures[i],
      top5: s.rows.slice(0, 5).map((r, k) => ({ rank: k + 1, name: segmentName(s, r.segment), videos: fmt.formatInt(r.videos), videoCount: r.videos, value: fmt.formatKind(r.value, kind) })),
      count: s.rows.length,
    };
  });
}
