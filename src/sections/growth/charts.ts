// Growth & timing charts: each series' value and period-over-period growth, median views by
// publish hour and weekday, and the hour x weekday heatmap.
import type { TopLevelSpec } from 'vega-lite';
import type { Growth, GrowthSeries } from '../../types.ts';
import { WEEKDAYS } from '../../types.ts';
import { formatCompact, formatKind, formatPct } from '../../format.ts';
import { AGGREGATION_LABEL, capitalise, metricKind, metricLabel } from '../../vocabulary.ts';
import { axisFormat, base, finite, verticalBars, BAND_Y_TITLE, COMPACT_LABEL, type ChartSpec, type Row } from '../../charts/specs.ts';
import type { ChartTheme } from '../../charts/theme.ts';
const PERIOD_LABEL = { day: 'day', week: 'week', month: 'month' } as const;

function seriesTitle(s: GrowthSeries): string {
  const agg = capitalise(AGGREGATION_LABEL[s.aggregation] ?? 'median');
  const metric = metricLabel(s.metric);
  return `${agg} ${metric.toLowerCase()} per ${PERIOD_LABEL[s.period]}`;
}

/** A growth series' value over time: line over a soft area. */
export function growthValueChart(s: GrowthSeries, t: ChartTheme): ChartSpec {
  const kind = metricKind(s.metric);
  const values: Row[] = s.points
    .filter((p) => finite(p.value))
    .map((p) => ({ period: p.period, value: p.value, desc: `${p.period}: ${formatKind(p.value, kind)} from ${formatCompact(p.videos)} videos` }));
  const title = seriesTitle(s);
  const description = values.length
    ? `Line chart of ${title.toLowerCase()} over ${values.length} periods, from ${values[0].period} to ${values[values.length - 1].period}` +
      (s.peak ? `; peak ${formatKind(s.peak.value, kind)} in ${s.peak.period}.` : '.')
    : `Line chart of ${title.toLowerCase()}: no periods with data.`;
  const order = values.map((v) => v.period as string);
  const unit = kind === 'rate' ? ' (%)' : kind === 'score' ? ' (points)' : ` (${s.aggregation} per ${s.period})`;
  const spec = {
    ...base(t, 'full', title, description),
    data: { values },
    encoding: {
      x: {
        field: 'period',
        type: 'ordinal',
        sort: order,
        title: `Publish ${s.period} (${s.period === 'week' ? 'ISO week' : s.period === 'month' ? 'YYYY-MM' : 'date'})`,
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
  return { id: `growth-${s.metric}-value`, caption: 'Value per period; dots mark each period with data.', title, description, size: 'full', spec: spec as unknown as TopLevelSpec };
}

/** Period-over-period growth of a series, as bars coloured by sign. */
export function growthRateChart(s: GrowthSeries, t: ChartTheme): ChartSpec {
  const values: Row[] = s.points
    .filter((p) => finite(p.growthPct))
    .map((p) => ({
      period: p.period,
      growth: p.growthPct,
      color: (p.growthPct as number) >= 0 ? t.positive : t.negative,
      desc: `${p.period}: ${formatPct(p.growthPct, 1)} vs the period before`,
    }));
  const title = `${metricLabel(s.metric)}: growth vs previous ${s.period}`;
  const description = values.length
    ? `Bar chart of period-over-period growth of ${metricLabel(s.metric).toLowerCase()} for ${values.length} periods; average growth ${formatPct(s.averageGrowthPct, 1)}.`
    : `Bar chart of growth of ${metricLabel(s.metric).toLowerCase()}: fewer than two periods with data.`;
  const order = s.points.map((p) => p.period);
  const spec = {
    ...base(t, 'full', title, description),
    height: 180,
    data: { values },
    mark: { type: 'bar', width: { band: 0.7 }, cornerRadiusEnd: 1 },
    encoding: {
      x: { field: 'period', type: 'ordinal', sort: order, title: `Publish ${s.period}`, axis: { labelAngle: 0, labelOverlap: 'greedy' } },
      y: { field: 'growth', type: 'quantitative', stack: null, title: 'Growth (% vs previous period)', axis: { format: '+.0~%', tickCount: 4 } },
      color: { field: 'color', type: 'nominal', scale: null, legend: null },
      description: { field: 'desc' },
    },
  };
  return { id: `growth-${s.metric}-rate`, caption: 'Change against the period before, as a fraction of it; green up, red down.', title, description, size: 'full', spec: spec as unknown as TopLevelSpec };
}

function hourTitle(g: Growth, zone: string): string {
  return g.hourSource === 'hour-column' ? 'Publish hour (from hour column)' : `Publish hour (${zone})`;
}

export function hourBars(g: Growth, zone: string, t: ChartTheme): ChartSpec {
  const rows = g.byHour.filter((h) => finite(h.medianViews)).map((h) => ({ label: String(h.hour), value: h.medianViews as number, videos: h.videos }));
  const best = rows.reduce<(typeof rows)[number] | null>((b, r) => (b === null || r.value > b.value ? r : b), null);
  const description = rows.length
    ? `Bar chart of median views by publish hour over ${rows.length} hours; highest at ${best!.label}:00 with ${formatCompact(best!.value)}.`
    : 'Median views by publish hour: no publish times in scope.';
  const spec = verticalBars({
    t,
    title: 'Median views by publish hour',
    description,
    rows,
    order: Array.from({ length: 24 }, (_, h) => String(h)),
    kind: 'count',
    valueTitle: 'Median views per video',
    categoryTitle: hourTitle(g, zone),
  });
  return { id: 'growth-hour', caption: 'Median views per video by the hour it was published.', title: 'Median views by publish hour', description, size: 'half', spec };
}

export function weekdayBars(g: Growth, t: ChartTheme): ChartSpec {
  const rows = g.byWeekday.filter((w) => finite(w.medianViews)).map((w) => ({ label: w.weekday.slice(0, 3), value: w.medianViews as number, videos: w.videos }));
  const description = rows.length
    ? `Bar chart of median views by weekday: ${rows.map((r) => `${r.label} ${formatCompact(r.value)}`).join(', ')}.`
    : 'Median views by weekday: no publish dates in scope.';
  const spec = verticalBars({
    t,
    title: 'Median views by weekday',
    description,
    rows,
    order: WEEKDAYS.map((w) => w.slice(0, 3)),
    kind: 'count',
    valueTitle: 'Median views per video',
    categoryTitle: 'Publish weekday',
  });
  return { id: 'growth-weekday', caption: 'Median views per video by the weekday it was published.', title: 'Median views by weekday', description, size: 'half', spec };
}

/** Hour x weekday grid coloured by median views; each cell's label names its video count. */
export function heatmap(g: Growth, zone: string, t: ChartTheme): ChartSpec {
  const values: Row[] = g.heatmap
    .filter((c) => finite(c.medianViews) && c.videos > 0)
    .map((c) => ({
      hour: String(c.hour),
      weekday: c.weekday.slice(0, 3),
      median: c.medianViews,
      videos: c.videos,
      desc: `${c.weekday} ${String(c.hour).padStart(2, '0')}:00: median ${formatCompact(c.medianViews)} views from ${formatCompact(c.videos)} videos`,
    }));
  const best = values.reduce<Row | null>((b, r) => (b === null || (r.median as number) > (b.median as number) ? r : b), null);
  const totalVideos = values.reduce((a, r) => a + (r.videos as number), 0);
  const description = values.length
    ? `Heatmap of median views by publish hour and weekday, ${values.length} cells with ${formatCompact(totalVideos)} videos; ` +
      `strongest cell ${best!.desc}.`
    : 'Heatmap of median views by hour and weekday: no publish times in scope.';
  const spec = {
    ...base(t, 'full', 'When videos do best: median views by hour and weekday', description, 'Empty cells had no videos'),
    height: 200,
    data: { values },
    mark: { type: 'rect', cornerRadius: 2, stroke: t.background, strokeWidth: 1.5 },
    encoding: {
      x: { field: 'hour', type: 'ordinal', sort: Array.from({ length: 24 }, (_, h) => String(h)), title: hourTitle(g, zone), axis: { labelAngle: 0, domain: false, ticks: false } },
      y: { field: 'weekday', type: 'ordinal', sort: WEEKDAYS.map((w) => w.slice(0, 3)), title: 'Publish weekday', axis: { ...BAND_Y_TITLE, grid: false } },
      color: {
        field: 'median',
        type: 'quantitative',
        title: 'Median views',
        scale: { range: t.sequential, zero: false, nice: false },
        legend: { orient: 'right', direction: 'vertical', gradientLength: 140, labelExpr: COMPACT_LABEL, tickCount: 4 },
      },
      description: { field: 'desc' },
    },
  };
  return { id: 'growth-heatmap', caption: 'Darker cells: higher median views. Blank cells had no videos.', title: 'Median views by hour and weekday', description, size: 'full', spec: spec as unknown as TopLevelSpec };
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
