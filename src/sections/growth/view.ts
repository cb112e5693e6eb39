// What templates/sections/growth.hbs renders: per series its KPIs and two charts, then the
// posting windows.
import type { Growth } from '../../types.ts';
import * as fmt from '../../format.ts';
import { t } from '../../i18n/index.ts';
import { metricInText, metricKind, metricLabel } from '../../vocabulary.ts';
import type { KpiView } from '../../output/view.ts';
import type { Figures } from '../section.ts';
import type { growthCharts } from './charts.ts';

export function growthView(g: Growth, figures: Figures<ReturnType<typeof growthCharts>>) {
  // the charts list the series only when growth is available; unavailable, the template shows the reason
  const series = figures.series.map(({ value, rate }, i) => {
    const s = g.series[i];
    const kind = metricKind(s.metric);
    return {
      name: metricLabel(s.metric),
      aggregation: s.aggregation,
      period: s.period,
      per: t(`growth.unit.${s.aggregation}.${s.period}`),
      kpis: [
        { label: t('growth.peak'), value: s.peak ? fmt.withDates(s.peak.period) : fmt.MISSING, sub: s.peak ? `${fmt.formatKind(s.peak.value, kind)}${kind === 'count' ? ` ${metricInText(s.metric)}` : ''}` : undefined },
        { label: t('growth.averageGrowth'), value: fmt.formatSignedPct(s.averageGrowthPct, 1), sub: t(`growth.perPeriod.${s.period}`) },
        { label: t('growth.periodsAnalysed'), value: fmt.formatInt(s.periodsAnalysed), sub: t(`growth.periods.${s.period}`) },
      ] as KpiView[],
      value,
      rate,
    };
  });
  return {
    series,
    timing: [figures.hour, figures.weekday].filter(Boolean),
    heatmap: figures.heatmap,
    hourNote: g.hourSource === 'hour-column' ? t('growth.hourNote') : null,
  };
}
