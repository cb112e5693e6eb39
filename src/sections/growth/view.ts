// What templates/sections/growth.hbs renders: per series its KPIs and two charts, then the
// posting windows.
import type { Growth } from '../../types.ts';
import * as fmt from '../../format.ts';
import { metricKind, metricLabel } from '../../vocabulary.ts';
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
      kpis: [
        { label: 'Peak period', value: s.peak ? fmt.withDates(s.peak.period) : fmt.MISSING, sub: s.peak ? `${fmt.formatKind(s.peak.value, kind)}${kind === 'count' ? ` ${metricLabel(s.metric).toLowerCase()}` : ''}` : undefined },
        { label: 'Average growth', value: fmt.formatSignedPct(s.averageGrowthPct, 1), sub: `per ${s.period}` },
        { label: 'Periods analysed', value: fmt.formatInt(s.periodsAnalysed), sub: `${s.period}s` },
      ] as KpiView[],
      value,
      rate,
    };
  });
  return {
    series,
    timing: [figures.hour, figures.weekday].filter(Boolean),
    heatmap: figures.heatmap,
    hourNote: g.hourSource === 'hour-column' ? 'Publish hours come from the hour column (the dates carry no time of day).' : null,
  };
}
