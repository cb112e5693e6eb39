// The overview section ("Overview"): its place in the report, its part of the model, its charts, its view and its insights.
import { computeOverview } from './compute.ts';
import { kpiChanges } from './compare.ts';
import { overviewCharts, segmentsShowTierEngagement } from './charts.ts';
import { overviewView } from './view.ts';
import { kpiMovers, tierThresholds } from './insights.ts';
import { defineSection } from '../section.ts';

export const overview = defineSection({
  id: 'overview',
  title: 'Overview',
  lead: 'Executive snapshot of the videos in scope.',
  keys: ['overview'],
  compute: (ctx) => ({ overview: computeOverview(ctx) }),
  previousPeriod: (model, previous) => {
    const before = computeOverview(previous.ctx);
    model.comparison = { period: previous.period, overview: before, changes: kpiChanges(model.overview, before), insights: [] };
  },
  display: ({ overview }, { name }) => ({ overview: { ...overview, platforms: overview.platforms.map(name) } }),
  availability: ({ overview }) => ({ available: overview.videos > 0, reason: overview.videos > 0 ? null : 'No videos are in scope for this report.' }),
  charts: ({ overview }, theme, model, off) => overviewCharts(overview, theme, { tierEngagement: !segmentsShowTierEngagement(model, off ?? []) }),
  view: ({ overview }, figures) => overviewView(overview, figures),
  insights: (model) => tierThresholds(model),
  comparisonInsights: (model, comparison) => kpiMovers(model, comparison),
});
