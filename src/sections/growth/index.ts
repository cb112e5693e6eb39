// The growth section ("Growth & timing"): its place in the report, its part of the model, its charts, its view and its insights.
import { computeGrowth } from './compute.ts';
import { growthCharts } from './charts.ts';
import { growthView } from './view.ts';
import { timing } from './insights.ts';
import { defineSection } from '../section.ts';

export const growth = defineSection({
  id: 'growth',
  title: 'Growth & timing',
  lead: 'Trends over time and the best windows to publish.',
  keys: ['growth'],
  compute: (ctx) => ({ growth: computeGrowth(ctx) }),
  display: (r) => r, // no string from the data: periods, hours and weekdays are ours
  availability: ({ growth }) => ({ available: growth.available, reason: growth.reason }),
  charts: ({ growth }, theme, model) => growthCharts(growth, model.timezone, theme),
  view: ({ growth }, figures) => growthView(growth, figures),
  insights: (model) => timing(model),
});
