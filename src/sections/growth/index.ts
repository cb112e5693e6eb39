// The growth section ("Growth & timing"): its place in the report and what it adds to the model.
import { computeGrowth } from './compute.ts';
import { defineSection } from '../section.ts';

export const growth = defineSection({
  id: 'growth',
  title: 'Growth & timing',
  lead: 'Trends over time and the best windows to publish.',
  keys: ['growth'],
  compute: (ctx) => ({ growth: computeGrowth(ctx) }),
});
