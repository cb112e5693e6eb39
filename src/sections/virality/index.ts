// The virality section ("Virality lab"): its place in the report, its part of the model, its charts, its view and its insights.
import { computeVirality } from './compute.ts';
import { viralityCharts } from './charts.ts';
import { viralityView } from './view.ts';
import { viralPotential } from './insights.ts';
import { defineSection } from '../section.ts';

export const virality = defineSection({
  id: 'virality',
  title: 'Virality lab',
  lead: 'What “viral” means in this data, and the videos that meet the bar.',
  keys: ['virality'],
  compute: (ctx) => ({ virality: computeVirality(ctx) }),
  display: ({ virality }, { name, text }) => ({
    virality: {
      ...virality,
      byPlatform: virality.byPlatform.map((r) => ({ ...r, platform: name(r.platform) })),
      top: virality.top.map((r) => ({
        ...r,
        title: r.title === null ? null : text(r.title),
        creator: r.creator === null ? null : name(r.creator),
        platform: r.platform === null ? null : name(r.platform),
      })),
    },
  }),
  availability: ({ virality }) => ({ available: virality.available, reason: virality.reason }),
  charts: ({ virality }, theme) => viralityCharts(virality, theme),
  view: ({ virality }, figures, model) => viralityView(virality, figures, model.columns),
  insights: (model) => viralPotential(model),
});
