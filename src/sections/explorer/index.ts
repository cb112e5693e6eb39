// The explorer section ("Data explorer"): its place in the report and what it adds to the model.
import { computeExplorer } from './compute.ts';
import { defineSection } from '../section.ts';

export const explorer = defineSection({
  id: 'explorer',
  title: 'Data explorer',
  lead: 'The data under the report: preview, summaries and data quality.',
  keys: ['explorer'],
  compute: (ctx) => ({ explorer: computeExplorer(ctx) }),
});
