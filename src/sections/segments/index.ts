// The segments section ("Segment comparison"): its place in the report and what it adds to the model.
import { computeSegments } from './compute.ts';
import { defineSection } from '../section.ts';

export const segments = defineSection({
  id: 'segments',
  title: 'Segment comparison',
  lead: 'Benchmarks across platforms, markets, categories and formats.',
  keys: ['segments'],
  compute: (ctx) => ({ segments: computeSegments(ctx) }),
});
