// The segments section ("Segment comparison"): its place in the report, its part of the model, its charts, its view and its insights.
import { computeSegments } from './compute.ts';
import { segmentsCharts } from './charts.ts';
import { segmentsView } from './view.ts';
import { segmentInsights } from './insights.ts';
import { defineSection } from '../section.ts';
import { reasonText } from '../../vocabulary.ts';

export const segments = defineSection({
  id: 'segments',
  title: 'Segment comparison',
  lead: 'Benchmarks across platforms, markets, categories and formats.',
  keys: ['segments'],
  compute: (ctx) => ({ segments: computeSegments(ctx) }),
  display: ({ segments }, { name }) => ({ segments: segments.map((s) => ({ ...s, rows: s.rows.map((r) => ({ ...r, segment: name(r.segment) })) })) }),
  availability: ({ segments }) => ({
    available: segments.some((s) => s.available),
    reason: segments.length === 0 ? 'No segment comparisons are configured.' : segments.map((s) => reasonText(s.reason)).filter(Boolean).join(' ') || 'No segment has data.',
  }),
  charts: ({ segments }, theme) => segmentsCharts(segments, theme),
  view: ({ segments }, figures) => segmentsView(segments, figures),
  insights: (model) => segmentInsights(model),
});
