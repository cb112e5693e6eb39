// Growth & timing (SPEC 4.2): the configured metrics per day/week/month over a continuous
// calendar with period-over-period growth, and median views by publish hour, weekday and
// hour x weekday. Rows are bucketed by counting sort on dense period ordinals, never per-row objects.
import type { Aggregation, Growth, GrowthPeriod, GrowthPoint, GrowthSeries, Metric } from '../../types.ts';
import { WEEKDAYS } from '../../types.ts';
import type { SectionContext } from '../context.ts';
import { ColumnGroups } from '../../stats/group.ts';
import { ordinalKey, periodLabel, periodOrdinal } from '../../data/calendar.ts';
import { metricValues } from '../../vocabulary.ts';

const COUNT_METRICS: readonly Metric[] = ['views', 'likes', 'comments', 'shares'];

/** Counts add up over a period; rates and scores are averaged (SPEC 4.2), unless configured. */
export function defaultAggregation(metric: Metric): Aggregation {
  return COUNT_METRICS.includes(metric) ? 'sum' : 'mean';
}

const finiteOrNull = (v: number | null): number | null => (v !== null && Number.isFinite(v) ? v : null);

/** growthPct, peak, average growth and count of one series' points (values already set). */
export function finishSeries(metric: Metric, period: GrowthPeriod, aggregation: Aggregation, points: GrowthPoint[]): GrowthSeries {
  let peak: GrowthSeries['peak'] = null;
  let growthSum = 0;
  let growthN = 0;
  for (let k = 0; k < points.length; k++) {
    const v = points[k].value;
    const prev = k > 0 ? points[k - 1].value : null;
    // no growth from nothing: first period, an empty (null) period, or a zero base
    const g = v === null || prev === null || prev === 0 ? null : finiteOrNull((v - prev) / prev);
    points[k].growthPct = g;
    if (g !== null) {
      growthSum += g;
      growthN++;
    }
    if (v !== null && (peak === null || v > peak.value)) peak = { period: points[k].period, value: v }; // strict >: earliest wins ties
  }
  return {
    metric, period, aggregation, points, peak,
    averageGrowthPct: growthN === 0 ? null : growthSum / growthN,
    periodsAnalysed: points.length,
  };
}

/** Median views of every group (null when the group has no views). */
function groupFigures(g: ColumnGroups, views: ArrayLike<number> | undefined): { videos: number; medianViews: number | null }[] {
  if (views) g.load(views);
  const out: { videos: number; medianViews: number | null }[] = [];
  for (let k = 0; k < g.groups; k++) out.push({ videos: g.size[k], medianViews: views ? g.aggregate(k, 'median') : null });
  return out;
}

type Timing = Pick<Growth, 'hourSource' | 'byHour' | 'byWeekday' | 'heatmap'>;

/**
 * Hour, weekday and heatmap figures. byHour lists all 24 hours and byWeekday all 7 days (empty
 * ones with videos 0 and medianViews null) so charts keep a stable axis; both are [] when no
 * row in scope has that information. The heatmap lists only cells with videos.
 */
export function computeTiming(ctx: SectionContext): Timing {
  const { dataset: ds, derived, scope } = ctx;
  const rows = scope.rows;
  const views = ds.num.views;
  const minute = ds.minuteOfDay;
  let anyHour = false;
  let anyWeekday = false;
  let anyTimestamp = false;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    if (derived.hour[r] >= 0) anyHour = true;
    if (derived.weekday[r] >= 0) anyWeekday = true;
    if (minute && minute[r] >= 0) anyTimestamp = true;
  }
  // a time of day on any row wins: derived.hour prefers it per row over the hour column
  const hourSource: Timing['hourSource'] = !anyHour ? null : anyTimestamp ? 'timestamp' : 'hour-column';

  const byHour = anyHour
    ? groupFigures(new ColumnGroups(derived.hour, rows, 24, ctx.scratch), views).map((f, hour) => ({ hour, ...f }))
    : [];
  const byWeekday = anyWeekday
    ? groupFigures(new ColumnGroups(derived.weekday, rows, 7, ctx.scratch), views).map((f, w) => ({ weekday: WEEKDAYS[w] as string, ...f }))
    : [];

  const heatmap: Growth['heatmap'] = [];
  if (anyHour && anyWeekday) {
    const cell = new Int16Array(ds.rows).fill(-1); // weekday * 24 + hour
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i];
      const h = derived.hour[r];
      const w = derived.weekday[r];
      if (h >= 0 && w >= 0) cell[r] = w * 24 + h;
    }
    groupFigures(new ColumnGroups(cell, rows, 7 * 24, ctx.scratch), views).forEach((f, c) => {
      if (f.videos > 0) heatmap.push({ weekday: WEEKDAYS[Math.floor(c / 24)], hour: c % 24, ...f });
    });
  }
  return { hourSource, byHour, byWeekday, heatmap };
}

/**
 * Choices where SPEC is silent: a metric whose column the input lacks (likes, comments, shares)
 * still gets its series, with every value null, so the series list matches the configuration
 * without claiming zeros; a sum over a period whose rows all lack the value is 0. The calendar
 * runs from the first to the last period with a dated row in scope, however wide. Dates that all
 * fall in one configured period, on more than one day, are charted by day.
 */
export function computeGrowth(ctx: SectionContext): Growth {
  const { dataset: ds, scope, report } = ctx;
  const cfg = report.sections.growth;
  const timing = computeTiming(ctx);
  const unavailable = (reason: string): Growth => ({ available: false, reason, series: [], ...timing });

  const day = ds.day;
  if (!day) return unavailable('No publish date column was found, so there is no trend over time.');

  const rows = scope.rows;
  const ordinals = (p: GrowthPeriod): [number, number] => {
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < rows.length; i++) {
      const d = day[rows[i]];
      if (d !== d) continue;
      const o = periodOrdinal(d, p);
      if (o < lo) lo = o;
      if (o > hi) hi = o;
    }
    return [lo, hi];
  };
  let period = cfg.period;
  let [minOrd, maxOrd] = ordinals(period);
  if (minOrd === Infinity) return unavailable('No video in scope has a publish date, so there is no trend over time.');
  // SPEC 10: a scope within one configured period (a week-long report by week) charts by day,
  // rather than a single point with no growth; metrics.json says so in the series' period
  if (minOrd === maxOrd && period !== 'day') {
    const [lo, hi] = ordinals('day');
    if (hi > lo) [period, minOrd, maxOrd] = ['day', lo, hi];
  }

  // counting sort of the scope rows into periods, offset by the first period
  const slots = maxOrd - minOrd + 1;
  const slot = new Int32Array(ds.rows).fill(-1);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    const d = day[r];
    if (d === d) slot[r] = periodOrdinal(d, period) - minOrd;
  }
  const groups = new ColumnGroups(slot, rows, slots, ctx.scratch);
  const labels: string[] = new Array(slots);
  for (let k = 0; k < slots; k++) labels[k] = periodLabel(ordinalKey(minOrd + k, period), period);

  const series = cfg.metrics.map((metric) => {
    const aggregation = cfg.aggregation[metric] ?? defaultAggregation(metric);
    const values = metricValues(ctx.dataset, ctx.derived, metric);
    if (values) groups.load(values);
    const points: GrowthPoint[] = [];
    for (let k = 0; k < slots; k++) {
      const value = values ? finiteOrNull(groups.aggregate(k, aggregation)) : null;
      points.push({ period: labels[k], value, growthPct: null, videos: groups.size[k] });
    }
    return finishSeries(metric, period, aggregation, points);
  });

  return { available: true, reason: null, series, ...timing };
}
