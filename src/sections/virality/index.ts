// The virality section ("Virality lab"): its place in the report and what it adds to the model.
import { computeVirality } from './compute.ts';
import { defineSection } from '../section.ts';

export const virality = defineSection({
  id: 'virality',
  title: 'Virality lab',
  lead: 'What “viral” means in this data, and the videos that meet the bar.',
  keys: ['virality'],
  compute: (ctx) => ({ virality: computeVirality(ctx) }),
});
