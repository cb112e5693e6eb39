// The creators section ("Creators & content"): its place in the report and what it adds to the model.
import { computeCreators } from './compute.ts';
import { computeContent } from './content.ts';
import { defineSection } from '../section.ts';

export const creators = defineSection({
  id: 'creators',
  title: 'Creators & content',
  lead: 'Who carries performance, and which formats and topics travel.',
  keys: ['creators', 'content'],
  compute: (ctx) => ({ creators: computeCreators(ctx), content: computeContent(ctx) }),
});
