// The explorer section ("Data explorer"): its place in the report, its part of the model, its charts, its view and its insights.
import { computeExplorer } from './compute.ts';
import { explorerView } from './view.ts';
import { rowsDropped } from './insights.ts';
import { defineSection } from '../section.ts';

export const explorer = defineSection({
  id: 'explorer',
  title: 'Data explorer',
  lead: 'The data under the report: preview, summaries and data quality.',
  keys: ['explorer'],
  compute: (ctx) => ({ explorer: computeExplorer(ctx) }),
  availability: () => ({ available: true, reason: null }),
  charts: () => ({}),
  view: (_r, _figures, model, opts) => explorerView(model, opts),
  insights: (model) => rowsDropped(model),
});
