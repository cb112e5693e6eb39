// The overview section ("Overview"): its place in the report and what it adds to the model.
import { computeOverview } from './compute.ts';
import { defineSection } from '../section.ts';

export const overview = defineSection({
  id: 'overview',
  title: 'Overview',
  lead: 'Executive snapshot of the videos in scope.',
  keys: ['overview'],
  compute: (ctx) => ({ overview: computeOverview(ctx) }),
});
