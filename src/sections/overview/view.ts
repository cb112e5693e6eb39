// What templates/sections/overview.hbs renders: the quick snapshot and the overview's charts.
import type { Overview } from '../../types.ts';
import * as fmt from '../../format.ts';
import { t } from '../../i18n/index.ts';
import type { Figures } from '../section.ts';
import type { overviewCharts } from './charts.ts';

export function overviewView(ov: Overview, figures: Figures<ReturnType<typeof overviewCharts>>) {
  return {
    snapshot: [
      { label: t('kpi.medianViews'), value: fmt.formatCompact(ov.medianViews), title: fmt.formatInt(ov.medianViews) },
      { label: t('kpi.p90Views'), value: fmt.formatCompact(ov.p90Views), title: fmt.formatInt(ov.p90Views) },
      { label: t('kpi.medianEngagementRate'), value: fmt.kpiFigure(ov.medianEngagementRate, fmt.formatPct) },
      { label: t('kpi.p90EngagementRate'), value: fmt.kpiFigure(ov.p90EngagementRate, fmt.formatPct) },
    ],
    figures: [figures.tiers, figures.viralPotential, figures.tierEngagement].filter((f) => f !== null),
  };
}
