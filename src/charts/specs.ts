// One Vega-Lite spec per chart of the report, built from the already-aggregated ReportModel
// (never from rows, so no chart grows with the input). Data only ever reaches a spec as inline
// `values`: filtering, sorting and labels are done here in TypeScript, never as expressions
// built from data, and no field is mapped to an href or an image url. Data labels arrive cut for
// display (src/output/display.ts) and are isolated inside descriptions.
import type { TopLevelSpec } from 'vega-lite';
import type { Metric, ReportModel, SegmentResult, TierSummary, RankBy, GrowthSeries, Virality, Overview, Growth } from '../types.ts';
import { TIERS, WEEKDAYS } from '../types.ts';
import { formatCompact, formatDuration, formatNumber, formatPct, isolate } from '../format.ts';
import { SIZE, vegaLiteConfig, type ChartTheme } from './theme.ts';

export type SectionId = 'overview' | 'growth' | 'creators' | 'virality' | 'segments' | 'explorer';

export interface ChartSpec {
  id: string; // stable, unique in a report: used for SVG ids and anchors
  section: SectionId;
  title: string;
  description: string; // read by screen readers (aria-label) and shown nowhere else
  size: 'half' | 'full';
  spec: TopLevelSpec;
}

type Row = Record<string, string | number | boolean | null>;
type Json = Record<string, unknown>;

// ---------------------------------------------------------------------------
// Shared pieces

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

// Constant label expressions (never built from data): d3's SI prefixes read "k" and "G";
// the report says "K" and "B" everywhere, as format.ts does.
const COMPACT_LABEL = "replace(replace(format(datum.value, '~s'), 'k', 'K'), 'G', 'B')";

/** A category y axis titles its label column like a table header: right-aligned above it. */
const BAND_Y_TITLE = { titleAlign: 'right', titleX: -6 } as const;

type ValueKind = 'count' | 'rate' | 'score' | 'seconds';

/** Display names of the metrics, shared by chart titles and the HTML view model. */
export const METRIC_LABEL: Record<Metric, string> = {
  views: 'Views',
  likes: 'Likes',
  comments: 'Comments',
  shares: 'Shares',
  engagement_rate: 'Engagement rate',
  virality_score: 'Virality score',
};

const RANK_LABEL: Record<RankBy, string> = {
  views: 'total views',
  engagement_rate: 'median engagement rate',
  shares: 'total shares',
  comments: 'total comments',
  virality_score: 'median virality score',
};

const SEGMENT_LABEL: Record<SegmentResult['by'], string> = {
  platform: 'platform',
  country: 'country',
  category: 'category',
  duration_bucket: 'duration bucket',
  performance_tier: 'performance tier',
};

const metricKind = (m: Metric): ValueKind => (m === 'engagement_rate' ? 'rate' : m === 'virality_score' ? 'score' : 'count');

/** Format a figure for a description or a label, matching the axis. */
export function formatValue(v: number | null | undefined, kind: ValueKind): string {
  switch (kind) {
    case 'rate':
      return formatPct(v);
    case 'score':
      return formatNumber(v, 2);
    case 'seconds':
      return formatDuration(v);
    default:
      return formatCompact(v);
  }
}

/** Axis number format for a kind of value (a quantitative axis). */
function axisFormat(kind: ValueKind): Json {
  switch (kind) {
    case 'rate':
      return { format: '.1~%' };
    case 'score':
      return { format: '.1~f' };
    case 'seconds':
      return { format: '~s' };
    default:
      return { labelExpr: COMPACT_LABEL };
  }
}

function base(t: ChartTheme, size: 'half' | 'full', title: string, description: string, subtitle?: string): Json {
  const { width, height } = SIZE[size];
  return {
    $schema: SCHEMA,
    title: subtitle ? { text: title, subtitle } : { text: title },
    description,
    width,
    height,
    config: vegaLiteConfig(t),
  };
}

const finite = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

/** Powers of ten covering [lo, hi], for readable log axes (1K, 10K, 100K ...). */
function decades(lo: number, hi: number): number[] {
  const out: number[] = [];
  if (!(lo > 0) || !(hi > 0)) return out;
  for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) out.push(10 ** e);
  return out;
}

/** Extremes of a list of figures, ignoring missing ones. */
function extent(values: (number | null | undefined)[]): [number, number] | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (!finite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo <= hi ? [lo, hi] : null;
}

// Every bar chart here draws one bar per category, so its quantitative channel has `stack: null`:
// Vega-Lite stacks bars by default, and a stack with rounded ends (the theme's cornerRadiusEnd)
// is drawn as a group per bar, clipped to the stack's outline. A plain bar with rounded ends
// draws the same; the SVG had ~230 nested groups and clip paths fewer for a report, which vega
// renders and Chromium prints faster.

/**
 * Labels that are one band each: two long names cut for display to the same text would share a
 * band on a nominal axis, so a repeated label gets " (2)", " (3)", ...
 */
export function distinctLabels(labels: string[]): string[] {
  const taken = new Set<string>();
  return labels.map((label) => {
    let out = label;
    for (let k = 2; taken.has(out); k++) out = `${label} (${k})`;
    taken.add(out);
    return out;
  });
}

/** Horizontal bars, one per row in the order given (already ranked by the model). */
function horizontalBars(opts: {
  t: ChartTheme;
  title: string;
  subtitle?: string;
  description: string;
  rows: { label: string; value: number; videos: number }[];
  kind: ValueKind;
  valueTitle: string;
  categoryTitle: string;
  size?: 'half' | 'full';
}): TopLevelSpec {
  const { t, rows, kind } = opts;
  const size = opts.size ?? 'half';
  const labels = distinctLabels(rows.map((r) => r.label));
  const values: Row[] = rows.map((r, i) => ({ label: labels[i], value: r.value, videos: r.videos, rank: i, text: formatValue(r.value, kind) }));
  const height = Math.max(SIZE[size].height, 90 + Math.min(20, Math.max(values.length, 1)) * 22);
  return {
    ...base(t, size, opts.title, opts.description, opts.subtitle),
    height,
    data: { values },
    encoding: {
      y: {
        field: 'label',
        type: 'nominal',
        sort: { field: 'rank', order: 'ascending' },
        title: opts.categoryTitle,
        axis: { ...BAND_Y_TITLE, grid: false, labelLimit: SIZE.labelLimit },
      },
      x: {
        field: 'value',
        type: 'quantitative',
        stack: null,
        title: opts.valueTitle,
        axis: { ...axisFormat(kind), grid: true, domain: false, ticks: false, tickCount: 5 },
      },
    },
    layer: [
      { mark: { type: 'bar', color: t.accent, height: { band: 0.72 } } },
      {
        mark: { type: 'text', align: 'left', dx: 4, color: t.muted, fontSize: SIZE.fontSize - 2 },
        encoding: { text: { field: 'text' } },
      },
    ],
  } as unknown as TopLevelSpec;
}

/** Vertical bars over an ordered category axis (hours, weekdays, buckets). */
function verticalBars(opts: {
  t: ChartTheme;
  title: string;
  subtitle?: string;
  description: string;
  rows: { label: string; value: number; videos: number }[];
  order: string[];
  kind: ValueKind;
  valueTitle: string;
  categoryTitle: string;
  labelAngle?: number;
  size?: 'half' | 'full';
  color?: string;
}): TopLevelSpec {
  const { t, kind } = opts;
  const values: Row[] = opts.rows.map((r) => ({
    label: r.label,
    value: r.value,
    videos: r.videos,
    desc: `${r.label}: ${formatValue(r.value, kind)} (${formatCompact(r.videos)} videos)`,
  }));
  return {
    ...base(t, opts.size ?? 'half', opts.title, opts.description, opts.subtitle),
    data: { values },
    mark: { type: 'bar', color: opts.color ?? t.accent, width: { band: 0.74 } },
    encoding: {
      x: {
        field: 'label',
        type: 'ordinal',
        sort: opts.order,
        title: opts.categoryTitle,
        axis: { labelAngle: opts.labelAngle ?? 0, labelOverlap: 'greedy' },
      },
      y: { field: 'value', type: 'quantitative', stack: null, title: opts.valueTitle, axis: { ...axisFormat(kind), tickCount: 5 } },
      description: { field: 'desc' },
    },
  } as unknown as TopLevelSpec;
}

// ---------------------------------------------------------------------------
// 1. Overview

/** Views by performance tier as a log-scale box plot drawn from the tiers' five-number summaries. */
export function tierBoxPlot(tiers: TierSummary[], t: ChartTheme): ChartSpec {
  // a log scale cannot show 0: whiskers start at 1 view at the lowest
  const values: Row[] = tiers
    .filter((s) => s.videos > 0 && finite(s.median) && finite(s.q1) && finite(s.q3) && s.tier !== 'Unknown')
    .map((s) => ({
      tier: s.tier,
      min: Math.max(1, s.minViews ?? s.q1!),
      q1: Math.max(1, s.q1!),
      median: Math.max(1, s.median!),
      q3: Math.max(1, s.q3!),
      max: Math.max(1, s.maxViews ?? s.q3!),
      videos: s.videos,
      desc: `${s.tier}: median ${formatCompact(s.median)} views, middle half ${formatCompact(s.q1)}–${formatCompact(s.q3)}, range ${formatCompact(s.minViews)}–${formatCompact(s.maxViews)}, ${formatCompact(s.videos)} videos`,
    }));
  const ext = extent(values.flatMap((v) => [v.min as number, v.max as number]));
  const order = TIERS.filter((x) => x !== 'Unknown');
  const description = values.length
    ? `Box plot of views per video for ${values.length} performance tiers on a log scale. ` +
      values.map((v) => v.desc).join('; ') + '.'
    : 'Box plot of views by performance tier: no videos with views in scope.';
  const y = {
    type: 'quantitative',
    scale: { type: 'log', domain: ext ? [ext[0], ext[1]] : undefined, nice: true },
    title: 'Views per video (log scale)',
    axis: { labelExpr: COMPACT_LABEL, values: ext ? decades(ext[0], ext[1]) : undefined },
  };
  const spec = {
    ...base(t, 'half', 'Views by performance tier', description, 'Whiskers min–max, box q1–q3, tick median'),
    data: { values },
    encoding: {
      x: { field: 'tier', type: 'nominal', sort: order, title: 'Performance tier (share of videos)', axis: { labelAngle: 0 } },
      description: { field: 'desc' },
    },
    layer: [
      { mark: { type: 'rule', color: t.muted, strokeWidth: 1.2 }, encoding: { y: { ...y, field: 'min' }, y2: { field: 'max' } } },
      { mark: { type: 'bar', color: t.accentSoft, stroke: t.accent, strokeWidth: 1, width: { band: 0.46 }, cornerRadiusEnd: 0 }, encoding: { y: { ...y, field: 'q1' }, y2: { field: 'q3' } } },
      { mark: { type: 'tick', color: t.accent, thickness: 2.5, size: 28 }, encoding: { y: { ...y, field: 'median' } } },
    ],
  };
  return { id: 'overview-tiers', section: 'overview', title: 'Views by performance tier', description, size: 'half', spec: spec as unknown as TopLevelSpec };
}

/** How many videos carry each viral-potential label. */
export function viralPotentialBars(vp: Overview['viralPotential'], t: ChartTheme): ChartSpec {
  const colors: Record<string, string> = { High: t.accent, Medium: t.categorical[1], Low: t.neutral, Unknown: t.grid };
  const values: Row[] = vp.map((v) => ({
    label: v.label,
    videos: v.videos,
    text: `${formatCompact(v.videos)} · ${formatPct(v.share, 1)}`,
    color: colors[v.label] ?? t.neutral,
  }));
  const description = vp.length
    ? `Bar chart of videos by viral potential: ${vp.map((v) => `${v.label} ${formatCompact(v.videos)} (${formatPct(v.share, 1)})`).join(', ')}.`
    : 'Bar chart of videos by viral potential: no scored videos in scope.';
  const spec = {
    ...base(t, 'half', 'Viral potential breakdown', description, 'High ≥ q90 of virality score, Medium ≥ q75'),
    data: { values },
    encoding: {
      x: { field: 'label', type: 'nominal', sort: ['High', 'Medium', 'Low', 'Unknown'], title: 'Viral potential', axis: { labelAngle: 0 } },
      y: { field: 'videos', type: 'quantitative', stack: null, title: 'Videos (count)', axis: { labelExpr: COMPACT_LABEL, tickCount: 5 } },
    },
    layer: [
      { mark: { type: 'bar', width: { band: 0.6 } }, encoding: { color: { field: 'color', type: 'nominal', scale: null, legend: null } } },
      { mark: { type: 'text', dy: -7, color: t.muted, fontSize: SIZE.fontSize - 2 }, encoding: { text: { field: 'text' } } },
    ],
  };
  return { id: 'overview-viral-potential', section: 'overview', title: 'Viral potential breakdown', description, size: 'half', spec: spec as unknown as TopLevelSpec };
}

/** Tiers ranked by their median engagement rate. */
export function tierEngagementBars(rows: Overview['tiersByEngagement'], t: ChartTheme): ChartSpec {
  const kept = rows.filter((r) => finite(r.medianEngagementRate));
  const description = kept.length
    ? `Horizontal bars of median engagement rate by performance tier, highest first: ${kept.map((r) => `${r.tier} ${formatPct(r.medianEngagementRate)}`).join(', ')}.`
    : 'Median engagement rate by performance tier: no engagement figures in scope.';
  const spec = horizontalBars({
    t,
    title: 'Tiers ranked by median engagement rate',
    description,
    rows: kept.map((r) => ({ label: r.tier, value: r.medianEngagementRate as number, videos: 0 })),
    kind: 'rate',
    valueTitle: 'Median engagement rate (%)',
    categoryTitle: 'Performance tier',
    size: 'full',
  });
  (spec as unknown as Json).height = 70 + kept.length * 26;
  return { id: 'overview-tier-engagement', section: 'overview', title: 'Tiers ranked by median engagement rate', description, size: 'full', spec };
}

// ---------------------------------------------------------------------------
// 2. Growth & timing

const PERIOD_LABEL = { day: 'day', week: 'week', month: 'month' } as const;

function seriesTitle(s: GrowthSeries): string {
  const agg = s.aggregation === 'sum' ? 'Total' : s.aggregation === 'mean' ? 'Average' : 'Median';
  const metric = METRIC_LABEL[s.metric];
  return `${agg} ${metric.toLowerCase()} per ${PERIOD_LABEL[s.period]}`;
}

/** A growth series' value over time: line over a soft area. */
export function growthValueChart(s: GrowthSeries, t: ChartTheme): ChartSpec {
  const kind = metricKind(s.metric);
  const values: Row[] = s.points
    .filter((p) => finite(p.value))
    .map((p) => ({ period: p.period, value: p.value, desc: `${p.period}: ${formatValue(p.value, kind)} from ${formatCompact(p.videos)} videos` }));
  const title = seriesTitle(s);
  const description = values.length
    ? `Line chart of ${title.toLowerCase()} over ${values.length} periods, from ${values[0].period} to ${values[values.length - 1].period}` +
      (s.peak ? `; peak ${formatValue(s.peak.value, kind)} in ${s.peak.period}.` : '.')
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
      y: { field: 'value', type: 'quantitative', title: `${METRIC_LABEL[s.metric]}${unit}`, axis: { ...axisFormat(kind), tickCount: 5 } },
    },
    // the description channel goes on the points only: on a line or area it would split the
    // series into one group per point
    layer: [
      { mark: { type: 'area', color: t.accent, opacity: 0.12, interpolate: 'monotone' } },
      { mark: { type: 'line', color: t.accent, strokeWidth: 2, interpolate: 'monotone' } },
      { mark: { type: 'point', filled: true, size: 28, color: t.accent, opacity: 1 }, encoding: { description: { field: 'desc' } } },
    ],
  };
  return { id: `growth-${s.metric}-value`, section: 'growth', title, description, size: 'full', spec: spec as unknown as TopLevelSpec };
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
  const title = `${METRIC_LABEL[s.metric]}: growth vs previous ${s.period}`;
  const description = values.length
    ? `Bar chart of period-over-period growth of ${METRIC_LABEL[s.metric].toLowerCase()} for ${values.length} periods; average growth ${formatPct(s.averageGrowthPct, 1)}.`
    : `Bar chart of growth of ${METRIC_LABEL[s.metric].toLowerCase()}: fewer than two periods with data.`;
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
  return { id: `growth-${s.metric}-rate`, section: 'growth', title, description, size: 'full', spec: spec as unknown as TopLevelSpec };
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
  return { id: 'growth-hour', section: 'growth', title: 'Median views by publish hour', description, size: 'half', spec };
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
  return { id: 'growth-weekday', section: 'growth', title: 'Median views by weekday', description, size: 'half', spec };
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
  return { id: 'growth-heatmap', section: 'growth', title: 'Median views by hour and weekday', description, size: 'full', spec: spec as unknown as TopLevelSpec };
}

// ---------------------------------------------------------------------------
// 3. Creators & content

export function leaderboard(model: ReportModel, t: ChartTheme): ChartSpec {
  const c = model.creators;
  const kind: ValueKind = c.rankBy === 'engagement_rate' ? 'rate' : c.rankBy === 'virality_score' ? 'score' : 'count';
  const rows = c.top.filter((r) => finite(r.value)).map((r) => ({ label: r.creator, value: r.value as number, videos: r.videos }));
  const title = `Top ${rows.length} creators by ${RANK_LABEL[c.rankBy]}`;
  const description = rows.length
    ? `Horizontal bars of the top ${rows.length} creators by ${RANK_LABEL[c.rankBy]}: ` +
      rows.slice(0, 5).map((r) => `${isolate(r.label)} ${formatValue(r.value, kind)}`).join(', ') + (rows.length > 5 ? ', …' : '.')
    : 'Creator leaderboard: no creators in scope.';
  const unit = kind === 'rate' ? ' (%)' : kind === 'score' ? ' (points)' : ' (count)';
  const spec = horizontalBars({
    t,
    title,
    description,
    rows,
    kind,
    valueTitle: `${RANK_LABEL[c.rankBy][0].toUpperCase()}${RANK_LABEL[c.rankBy].slice(1)}${unit}`,
    categoryTitle: 'Creator',
    size: 'full',
  });
  return { id: 'creators-leaderboard', section: 'creators', title, description, size: 'full', spec };
}

export function durationBars(model: ReportModel, t: ChartTheme): ChartSpec {
  const rows = model.content.durationBuckets.filter((b) => finite(b.medianViews)).map((b) => ({ label: b.bucket, value: b.medianViews as number, videos: b.videos }));
  const description = rows.length
    ? `Bar chart of median views by video duration: ${rows.map((r) => `${r.label} ${formatCompact(r.value)} (${formatCompact(r.videos)} videos)`).join(', ')}.`
    : 'Median views by duration: no durations in scope.';
  const spec = verticalBars({
    t,
    title: 'Median views by duration',
    description,
    rows,
    order: rows.map((r) => r.label),
    kind: 'count',
    valueTitle: 'Median views per video',
    categoryTitle: 'Video duration (seconds / minutes)',
  });
  return { id: 'content-duration', section: 'creators', title: 'Median views by duration', description, size: 'half', spec };
}

function groupBars(id: string, title: string, what: string, rows: { label: string; value: number; videos: number }[], t: ChartTheme): ChartSpec {
  const description = rows.length
    ? `Horizontal bars of median views for the top ${rows.length} ${what}: ${rows.slice(0, 5).map((r) => `${isolate(r.label)} ${formatCompact(r.value)}`).join(', ')}${rows.length > 5 ? ', …' : '.'}`
    : `Median views by ${what}: none in scope.`;
  const spec = horizontalBars({ t, title, description, rows, kind: 'count', valueTitle: 'Median views per video', categoryTitle: what[0].toUpperCase() + what.slice(1) });
  return { id, section: 'creators', title, description, size: 'half', spec };
}

export function categoryBars(model: ReportModel, t: ChartTheme): ChartSpec {
  const rows = model.content.categories.filter((c) => finite(c.medianViews)).map((c) => ({ label: c.category, value: c.medianViews as number, videos: c.videos }));
  return groupBars('content-categories', 'Top categories by median views', 'categories', rows, t);
}

export function hashtagBars(model: ReportModel, t: ChartTheme): ChartSpec {
  const rows = model.content.hashtags.filter((c) => finite(c.medianViews)).map((c) => ({ label: c.hashtag, value: c.medianViews as number, videos: c.videos }));
  return groupBars('content-hashtags', 'Top hashtags by median views', 'hashtags', rows, t);
}

// ---------------------------------------------------------------------------
// 4. Virality lab

/** Histogram of virality scores from the model's bins, the threshold as a labelled rule. */
export function viralityHistogram(v: Virality, t: ChartTheme): ChartSpec {
  const bins: Row[] = v.histogram
    .filter((b) => finite(b.x0) && finite(b.x1))
    .map((b) => ({
      x0: b.x0,
      x1: b.x1,
      count: b.count,
      above: v.threshold !== null && b.x0 >= v.threshold,
      desc: `score ${formatNumber(b.x0, 1)}–${formatNumber(b.x1, 1)}: ${formatCompact(b.count)} videos`,
    }));
  const hasThreshold = bins.length > 0 && finite(v.threshold);
  const description = bins.length
    ? `Histogram of virality scores in ${bins.length} bins` +
      (hasThreshold ? `; threshold ${formatNumber(v.threshold, 2)} (${v.thresholdRule}), ${formatCompact(v.candidates)} candidates (${formatPct(v.candidateShare, 1)}).` : '.')
    : 'Histogram of virality scores: no scores in scope.';
  const layers: Json[] = [
    {
      data: { values: bins },
      mark: { type: 'bar', binSpacing: 1, cornerRadiusEnd: 0 },
      encoding: {
        x: { field: 'x0', type: 'quantitative', bin: { binned: true }, title: 'Virality score (points)', axis: { format: '.0f', tickCount: 8 } },
        x2: { field: 'x1' },
        y: { field: 'count', type: 'quantitative', title: 'Videos (count)', axis: { labelExpr: COMPACT_LABEL, tickCount: 5 } },
        color: {
          field: 'above',
          type: 'nominal',
          scale: { domain: [false, true], range: [t.accentSoft, t.accent] },
          legend: null,
        },
        description: { field: 'desc' },
      },
    },
  ];
  if (hasThreshold) {
    const label = `threshold ${formatNumber(v.threshold, 2)} · ${v.thresholdRule}`;
    layers.push(
      {
        data: { values: [{ threshold: v.threshold }] },
        mark: { type: 'rule', color: t.highlight, strokeWidth: 2, strokeDash: [5, 3] },
        encoding: { x: { field: 'threshold', type: 'quantitative' } },
      },
      {
        data: { values: [{ threshold: v.threshold, label }] },
        mark: { type: 'text', align: 'left', baseline: 'top', dx: 6, y: 4, color: t.highlight, fontWeight: 600, fontSize: SIZE.fontSize - 1 },
        encoding: { x: { field: 'threshold', type: 'quantitative' }, text: { field: 'label' } },
      },
    );
  }
  const spec = { ...base(t, 'half', 'Virality score distribution', description, 'Darker bars are at or above the threshold'), layer: layers };
  return { id: 'virality-histogram', section: 'virality', title: 'Virality score distribution', description, size: 'half', spec: spec as unknown as TopLevelSpec };
}

/** Views (log) against engagement rate: points for small inputs, binned density otherwise. */
export function viralityScatter(v: Virality, t: ChartTheme): ChartSpec {
  const title = 'Views vs engagement rate';
  let spec: Json;
  let description: string;
  const x = (field: string, ext: [number, number] | null) => ({
    field,
    type: 'quantitative',
    title: 'Views per video (log scale)',
    scale: { type: 'log', domain: ext ?? undefined, nice: false },
    axis: { labelExpr: COMPACT_LABEL, values: ext ? decades(ext[0], ext[1]) : undefined, grid: true },
  });
  const y = (field: string) => ({ field, type: 'quantitative', title: 'Engagement rate (%)', axis: { format: '.0~%', tickCount: 5 } });
  if (v.scatter.kind === 'points') {
    const values: Row[] = v.scatter.points
      .filter((p) => finite(p.views) && p.views > 0 && finite(p.engagementRate))
      .map((p) => ({ views: p.views, rate: p.engagementRate, group: p.candidate ? 'Candidate' : 'Other' }));
    const candidates = values.filter((p) => p.group === 'Candidate').length;
    const ext = extent(values.map((p) => p.views as number));
    const dom: [number, number] | null = ext ? [10 ** Math.floor(Math.log10(ext[0])), 10 ** Math.ceil(Math.log10(ext[1]))] : null;
    description = values.length
      ? `Scatter plot of ${values.length} videos, views on a log scale against engagement rate; ${candidates} viral candidates highlighted.`
      : 'Scatter plot of views against engagement rate: no videos with views in scope.';
    spec = {
      ...base(t, 'half', title, description, 'Each dot is a video; orange dots are viral candidates'),
      data: { values },
      mark: { type: 'circle', size: 18, opacity: 0.65 },
      encoding: {
        x: x('views', dom),
        y: y('rate'),
        color: { field: 'group', type: 'nominal', scale: { domain: ['Other', 'Candidate'], range: [t.accent, t.highlight] }, legend: { title: null, orient: 'bottom-right', direction: 'horizontal', fillColor: t.background, padding: 4 } },
        order: { field: 'group', sort: 'descending' },
      },
    };
  } else {
    const values: Row[] = v.scatter.bins
      .filter((b) => b.count > 0 && [b.logViews0, b.logViews1, b.rate0, b.rate1].every(finite))
      .map((b) => ({ v0: 10 ** b.logViews0, v1: 10 ** b.logViews1, r0: b.rate0, r1: b.rate1, count: b.count }));
    const ext = extent(values.flatMap((b) => [b.v0 as number, b.v1 as number]));
    const total = values.reduce((a, b) => a + (b.count as number), 0);
    description = values.length
      ? `Density of ${formatCompact(total)} videos over views (log scale) and engagement rate, in ${values.length} occupied cells.`
      : 'Density of views against engagement rate: no videos with views in scope.';
    spec = {
      ...base(t, 'half', title, description, 'Darker cells hold more videos'),
      data: { values },
      mark: { type: 'rect' },
      encoding: {
        x: x('v0', ext),
        x2: { field: 'v1' },
        y: y('r0'),
        y2: { field: 'r1' },
        color: { field: 'count', type: 'quantitative', title: 'Videos', scale: { type: 'log', range: t.sequential }, legend: { orient: 'right', direction: 'vertical', gradientLength: 120, labelExpr: COMPACT_LABEL } },
      },
    };
  }
  return { id: 'virality-scatter', section: 'virality', title, description, size: 'half', spec: spec as unknown as TopLevelSpec };
}

export function platformScoreBars(v: Virality, t: ChartTheme): ChartSpec {
  const rows = v.byPlatform.filter((p) => finite(p.medianScore)).map((p) => ({ label: p.platform, value: p.medianScore as number, videos: p.candidates }));
  const description = rows.length
    ? `Horizontal bars of median virality score among candidates by platform: ${rows.map((r) => `${isolate(r.label)} ${formatNumber(r.value, 2)} (${formatCompact(r.videos)} candidates)`).join(', ')}.`
    : 'Median virality score by platform among candidates: no candidates with a platform.';
  const spec = horizontalBars({ t, title: 'Median score of candidates by platform', description, rows, kind: 'score', valueTitle: 'Median virality score (points)', categoryTitle: 'Platform', size: 'full' });
  (spec as unknown as Json).height = 70 + Math.max(1, rows.length) * 30;
  return { id: 'virality-platform', section: 'virality', title: 'Median score of candidates by platform', description, size: 'full', spec };
}

// ---------------------------------------------------------------------------
// 5. Segments

export function segmentTitle(s: SegmentResult): string {
  const agg = s.aggregation === 'sum' ? 'Total' : s.aggregation === 'mean' ? 'Average' : 'Median';
  return `${agg} ${METRIC_LABEL[s.metric].toLowerCase()} by ${SEGMENT_LABEL[s.by]}`;
}

export function segmentBars(s: SegmentResult, index: number, t: ChartTheme): ChartSpec {
  const kind = metricKind(s.metric);
  const rows = s.rows.filter((r) => finite(r.value)).slice(0, 20).map((r) => ({ label: r.segment, value: r.value as number, videos: r.videos }));
  const title = segmentTitle(s);
  const description = rows.length
    ? `Horizontal bars of the top ${rows.length} segments by ${title.toLowerCase()}: ` +
      rows.slice(0, 5).map((r) => `${isolate(r.label)} ${formatValue(r.value, kind)}`).join(', ') + (rows.length > 5 ? ', …' : '.')
    : `${title}: no segments in scope.`;
  const unit = kind === 'rate' ? ' (%)' : kind === 'score' ? ' (points)' : ' (count)';
  const spec = horizontalBars({
    t,
    title: rows.length < s.rows.length ? `${title} (top 20)` : title,
    description,
    rows,
    kind,
    valueTitle: `${s.aggregation[0].toUpperCase()}${s.aggregation.slice(1)} ${METRIC_LABEL[s.metric].toLowerCase()}${unit}`,
    categoryTitle: SEGMENT_LABEL[s.by][0].toUpperCase() + SEGMENT_LABEL[s.by].slice(1),
    size: 'half',
  });
  return { id: `segment-${index + 1}`, section: 'segments', title, description, size: 'half', spec };
}

// ---------------------------------------------------------------------------
// All charts of a report, in reading order

export function buildChartSpecs(model: ReportModel, t: ChartTheme): ChartSpec[] {
  const out: ChartSpec[] = [];
  out.push(tierBoxPlot(model.overview.tiers, t), viralPotentialBars(model.overview.viralPotential, t), tierEngagementBars(model.overview.tiersByEngagement, t));
  if (model.growth.available) {
    for (const s of model.growth.series) out.push(growthValueChart(s, t), growthRateChart(s, t));
    if (model.growth.byHour.length) out.push(hourBars(model.growth, model.timezone, t));
    if (model.growth.byWeekday.length) out.push(weekdayBars(model.growth, t));
    if (model.growth.heatmap.length) out.push(heatmap(model.growth, model.timezone, t));
  }
  if (model.creators.available) out.push(leaderboard(model, t));
  if (model.content.durationAvailable.available) out.push(durationBars(model, t));
  if (model.content.categoriesAvailable.available) out.push(categoryBars(model, t));
  if (model.content.hashtagsAvailable.available) out.push(hashtagBars(model, t));
  if (model.virality.available) {
    out.push(viralityHistogram(model.virality, t), viralityScatter(model.virality, t));
    if (model.virality.byPlatform.length) out.push(platformScoreBars(model.virality, t));
  }
  model.segments.forEach((s, i) => {
    if (s.available) out.push(segmentBars(s, i, t));
  });
  return out;
}

/** True when a Vega-Lite spec (or one of its layers) carries at least one inline data row. */
export function hasDataValues(spec: unknown): boolean {
  if (!spec || typeof spec !== 'object') return false;
  const o = spec as { data?: { values?: unknown }; layer?: unknown[]; hconcat?: unknown[]; vconcat?: unknown[]; concat?: unknown[] };
  if (Array.isArray(o.data?.values) && o.data.values.length > 0) return true;
  return [o.layer, o.hconcat, o.vconcat, o.concat].some((list) => Array.isArray(list) && list.some(hasDataValues));
}
