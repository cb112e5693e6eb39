// The overview's charts: views by performance tier (a log-scale box plot), the viral-potential
// breakdown and the tiers ranked by median engagement rate.
import type { TopLevelSpec } from 'vega-lite';
import type { Overview, ReportModel, TierSummary } from '../../types.ts';
import { TIERS } from '../../types.ts';
import { formatCompact, formatPct } from '../../format.ts';
import { base, decades, extent, finite, horizontalBars, COMPACT_LABEL, COUNT_AXIS, type ChartSpec, type Json, type Row } from '../../charts/specs.ts';
import { SIZE, type ChartTheme } from '../../charts/theme.ts';

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
  return { id: 'overview-tiers', caption: 'Views per video on a log scale. Tiers cut the videos in scope at the q50, q80, q95 and q99 of views.', title: 'Views by performance tier', description, size: 'half', spec: spec as unknown as TopLevelSpec };
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
      y: { field: 'videos', type: 'quantitative', stack: null, title: 'Videos (count)', axis: { ...COUNT_AXIS, tickCount: 5 } },
    },
    layer: [
      { mark: { type: 'bar', width: { band: 0.6 } }, encoding: { color: { field: 'color', type: 'nominal', scale: null, legend: null } } },
      { mark: { type: 'text', dy: -7, color: t.muted, fontSize: SIZE.fontSize - 2 }, encoding: { text: { field: 'text' } } },
    ],
  };
  return { id: 'overview-viral-potential', caption: 'Viral potential labels each video by its virality score against the scores in scope.', title: 'Viral potential breakdown', description, size: 'half', spec: spec as unknown as TopLevelSpec };
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
  return { id: 'overview-tier-engagement', caption: 'Median engagement rate of each performance tier, highest first.', title: 'Tiers ranked by median engagement rate', description, size: 'full', spec };
}

/**
 * Whether the Segments section shows the median engagement rate by performance tier (a
 * configured segment): the same figure as the overview's tiers ranked by it, drawn there only.
 */
export function segmentsShowTierEngagement(model: ReportModel, off: readonly string[]): boolean {
  return !off.includes('segments') && model.segments.some((s) => s.available && s.by === 'performance_tier' && s.metric === 'engagement_rate' && s.aggregation === 'median');
}

/**
 * The overview's charts (a chart with no data shows its placeholder); the tiers ranked by
 * engagement are left out (null) when another section draws the same figure: no figure twice.
 */
export function overviewCharts(ov: Overview, t: ChartTheme, show = { tierEngagement: true }) {
  return {
    tiers: tierBoxPlot(ov.tiers, t),
    viralPotential: viralPotentialBars(ov.viralPotential, t),
    tierEngagement: show.tierEngagement ? tierEngagementBars(ov.tiersByEngagement, t) : null,
  };
}
