// Growth & timing charts: each series' value and period-over-period growth, median views by
// publish hour and weekday, and the hour x weekday heatmap.
import type { TopLevelSpec } from 'vega-lite';
import type { Growth, GrowthSeries } from '../../types.ts';
import { WEEKDAYS } from '../../types.ts';
import { formatCompact, formatKind, formatPct } from '../../format.ts';
import { aggregatedMetric, capitalise, metricInText, metricKind, metricLabel, weekdayLabel } from '../../vocabulary.ts';
import { axisFormat, base, finite, verticalBars, BAND_Y_TITLE, compactLabel, type ChartSpec, type Row } from '../../charts/specs.ts';
import type { ChartTheme } from '../../charts/theme.ts';
import { t as tr, titleInSentence } from '../../i18n/index.ts';
function seriesTitle(s: GrowthSeries): string {
  return tr(`growth.seriesTitle.${s.period}`, { what: capitalise(aggregatedMetric(s.aggregation ?? 'median', s.metric)) });
}

/** A growth series' value over time: line over a soft area. */
export function growthValueChart(s: GrowthSeries, t: ChartTheme): ChartSpec {
  const kind = metricKind(s.metric);
  const values: Row[] = s.points
    .filter((p) => finite(p.value))
    .map((p) => ({ period: p.period, value: p.value, desc: tr('desc.growth.point', { period: p.period, value: formatKind(p.value, kind), videos: formatCompact(p.videos) }) }));
  const title = seriesTitle(s);
  const description = values.length
    ? tr('desc.growth.line', { title: titleInSentence(title), n: String(values.length), first: values[0].period as string, last: values[values.length - 1].period as string }) +
      (s.peak ? tr('desc.growth.peak', { value: formatKind(s.peak.value, kind), period: s.peak.period }) : '.')
    : tr('desc.growth.line.none', { title: titleInSentence(title) });
  const order = values.map((v) => v.period as string);
  const unit = kind === 'rate' ? ' (%)' : kind === 'score' ? ` (${tr('unit.points')})` : ` (${tr(`growth.unit.${s.aggregation}.${s.period}`)})`;
  const spec = {
    ...base(t, 'full', title, description),
    data: { values },
    encoding: {
      x: {
        field: 'period',
        type: 'ordinal',
        sort: order,
        title: tr(`growth.axis.${s.period}`),
        scale: { padding: 0.2 },
        axis: { labelAngle: 0, labelOverlap: 'greedy' },
      },
      y: { field: 'value', type: 'quantitative', title: `${metricLabel(s.metric)}${unit}`, axis: { ...axisFormat(kind), tickCount: 5 } },
    },
    // the description channel goes on the points only: on a line or area it would split the
    // series into one group per point
    layer: [
      { mark: { type: 'area', color: t.accent, opacity: 0.12, interpolate: 'monotone' } },
      { mark: { type: 'line', color: t.accent, strokeWidth: 2, interpolate: 'monotone' } },
      { mark: { type: 'point', filled: true, size: 28, color: t.accent, opacity: 1 }, encoding: { description: { field: 'desc' } } },
    ],
  };
  return { id: `growth-${s.metric}-value`, caption: tr('growth.value.caption'), title, description, size: 'full', spec: spec as unknown as TopLevelSpec };
}

/** Period-over-period growth of a series, as bars coloured by sign. */
export function growthRateChart(s: GrowthSeries, t: ChartTheme): ChartSpec {
  const values: Row[] = s.points
    .filter((p) => finite(p.growthPct))
    .map((p) => ({
      period: p.period,
      growth: p.growthPct,
      color: (p.growthPct as number) >= 0 ? t.positive : t.negative,
      desc: tr('desc.growth.ratePoint', { period: p.period, value: formatPct(p.growthPct, 1) }),
    }));
  const title = tr(`growth.rateTitle.${s.period}`, { metric: metricLabel(s.metric) });
  const description = values.length
    ? tr('desc.growth.rate', { metric: metricInText(s.metric), n: String(values.length), average: formatPct(s.averageGrowthPct, 1) })
    : tr('desc.growth.rate.none', { metric: metricInText(s.metric) });
  const order = s.points.map((p) => p.period);
  const spec = {
    ...base(t, 'full', title, description),
    height: 180,
    data: { values },
    mark: { type: 'bar', width: { band: 0.7 }, cornerRadiusEnd: 1 },
    encoding: {
      x: { field: 'period', type: 'ordinal', sort: order, title: tr(`growth.publish.${s.period}`), axis: { labelAngle: 0, labelOverlap: 'greedy' } },
      y: { field: 'growth', type: 'quantitative', stack: null, title: tr('growth.rate.axis'), axis: { format: '+.0~%', tickCount: 4 } },
      color: { field: 'color', type: 'nominal', scale: null, legend: null },
      description: { field: 'desc' },
    },
  };
  return { id: `growth-${s.metric}-rate`, caption: tr('growth.rate.caption'), title, description, size: 'full', spec: spec as unknown as TopLevelSpec };
}

function hourTitle(g: Growth, zone: string): string {
  return g.hourSource === 'hour-column' ? tr('growth.hour.fromColumn') : tr('growth.hour.zone', { zone });
}

export function hourBars(g: Growth, zone: string, t: ChartTheme): ChartSpec {
  const rows = g.byHour.filter((h) => finite(h.medianViews)).map((h) => ({ label: String(h.hour), value: h.medianViews as number, videos: h.videos }));
  const best = rows.reduce<(typeof rows)[number] | null>((b, r) => (b === null || r.value > b.value ? r : b), null);
  const description = rows.length
    ? tr('desc.hour', { n: String(rows.length), hour: `${best!.label}:00`, value: formatCompact(best!.value) })
    : tr('desc.hour.none');
  const spec = verticalBars({
    t,
    title: tr('growth.hour.title'),
    description,
    rows,
    order: Array.from({ length: 24 }, (_, h) => String(h)),
    kind: 'count',
    valueTitle: tr('axis.medianViewsPerVideo'),
    categoryTitle: hourTitle(g, zone),
  });
  return { id: 'growth-hour', caption: tr('growth.hour.caption'), title: tr('growth.hour.title'), description, size: 'half', spec };
}

export function weekdayBars(g: Growth, t: ChartTheme): ChartSpec {
  const rows = g.byWeekday.filter((w) => finite(w.medianViews)).map((w) => ({ label: weekdayLabel(w.weekday, true), value: w.medianViews as number, videos: w.videos }));
  const description = rows.length
    ? tr('desc.weekday', { list: rows.map((r) => `${r.label} ${formatCompact(r.value)}`).join(', ') })
    : tr('desc.weekday.none');
  const spec = verticalBars({
    t,
    title: tr('growth.weekday.title'),
    description,
    rows,
    order: WEEKDAYS.map((w) => weekdayLabel(w, true)),
    kind: 'count',
    valueTitle: tr('axis.medianViewsPerVideo'),
    categoryTitle: tr('growth.weekday.axis'),
  });
  return { id: 'growth-weekday', caption: tr('growth.weekday.caption'), title: tr('growth.weekday.title'), description, size: 'half', spec };
}

/** Hour x weekday grid coloured by median views; each cell's label names its video count. */
export function heatmap(g: Growth, zone: string, t: ChartTheme): ChartSpec {
  const values: Row[] = g.heatmap
    .filter((c) => finite(c.medianViews) && c.videos > 0)
    .map((c) => ({
      hour: String(c.hour),
      weekday: weekdayLabel(c.weekday, true),
      median: c.medianViews,
      videos: c.videos,
      desc: tr('desc.heatmap.cell', { when: `${weekdayLabel(c.weekday)} ${String(c.hour).padStart(2, '0')}:00`, value: formatCompact(c.medianViews), videos: formatCompact(c.videos) }),
    }));
  const best = values.reduce<Row | null>((b, r) => (b === null || (r.median as number) > (b.median as number) ? r : b), null);
  const totalVideos = values.reduce((a, r) => a + (r.videos as number), 0);
  const description = values.length
    ? tr('desc.heatmap', { n: String(values.length), videos: formatCompact(totalVideos), best: best!.desc as string })
    : tr('desc.heatmap.none');
  const spec = {
    ...base(t, 'full', tr('growth.heatmap.heading'), description, tr('growth.heatmap.subtitle')),
    height: 200,
    data: { values },
    mark: { type: 'rect', cornerRadius: 2, stroke: t.background, strokeWidth: 1.5 },
    encoding: {
      x: { field: 'hour', type: 'ordinal', sort: Array.from({ length: 24 }, (_, h) => String(h)), title: hourTitle(g, zone), axis: { labelAngle: 0, domain: false, ticks: false } },
      y: { field: 'weekday', type: 'ordinal', sort: WEEKDAYS.map((w) => weekdayLabel(w, true)), title: tr('growth.weekday.axis'), axis: { ...BAND_Y_TITLE, grid: false } },
      color: {
        field: 'median',
        type: 'quantitative',
        title: tr('axis.medianViews'),
        scale: { range: t.sequential, zero: false, nice: false },
        legend: { orient: 'right', direction: 'vertical', gradientLength: 140, labelExpr: compactLabel(), tickCount: 4 },
      },
      description: { field: 'desc' },
    },
  };
  return { id: 'growth-heatmap', caption: tr('growth.heatmap.caption'), title: tr('growth.heatmap.title'), description, size: 'full', spec: spec as unknown as TopLevelSpec };
}

/** Growth's charts when it is available: a value and a rate chart per series, then the posting windows. */
export function growthCharts(g: Growth, zone: string, t: ChartTheme) {
  if (!g.available) return { series: [], hour: null, weekday: null, heatmap: null };
  return {
    series: g.series.map((s) => ({ value: growthValueChart(s, t), rate: growthRateChart(s, t) })),
    hour: g.byHour.length ? hourBars(g, zone, t) : null,
    weekday: g.byWeekday.length ? weekdayBars(g, t) : null,
    heatmap: g.heatmap.length ? heatmap(g, zone, t) : null,
  };
}
