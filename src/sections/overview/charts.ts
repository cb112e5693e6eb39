// The overview's charts: views by performance tier (a log-scale box plot), the viral-potential
// breakdown and the tiers ranked by median engagement rate.
import type { TopLevelSpec } from 'vega-lite';
import type { Overview, ReportModel, TierSummary } from '../../types.ts';
import { TIERS } from '../../types.ts';
import { formatCompact, formatPct } from '../../format.ts';
import { base, decades, extent, finite, horizontalBars, compactLabel, countAxis, type ChartSpec, type Json, type Row } from '../../charts/specs.ts';
import { SIZE, type ChartTheme } from '../../charts/theme.ts';
import { t as tr } from '../../i18n/index.ts';
import { potentialName, tierName } from '../../vocabulary.ts';

/** Views by performance tier as a log-scale box plot drawn from the tiers' five-number summaries. */
export function tierBoxPlot(tiers: TierSummary[], t: ChartTheme): ChartSpec {
  // a log scale cannot show 0: whiskers start at 1 view at the lowest
  const values: Row[] = tiers
    .filter((s) => s.videos > 0 && finite(s.median) && finite(s.q1) && finite(s.q3) && s.tier !== 'Unknown')
    .map((s) => ({
      tier: tierName(s.tier),
      min: Math.max(1, s.minViews ?? s.q1!),
      q1: Math.max(1, s.q1!),
      median: Math.max(1, s.median!),
      q3: Math.max(1, s.q3!),
      max: Math.max(1, s.maxViews ?? s.q3!),
      videos: s.videos,
      desc: tr('desc.tier', {
        tier: tierName(s.tier), median: formatCompact(s.median), q1: formatCompact(s.q1), q3: formatCompact(s.q3), min: formatCompact(s.minViews), max: formatCompact(s.maxViews), videos: formatCompact(s.videos),
      }),
    }));
  const ext = extent(values.flatMap((v) => [v.min as number, v.max as number]));
  const order = TIERS.filter((x) => x !== 'Unknown').map(tierName);
  const description = values.length
    ? tr('desc.tiers', { n: String(values.length) }) + values.map((v) => v.desc).join('; ') + '.'
    : tr('desc.tiers.none');
  const y = {
    type: 'quantitative',
    scale: { type: 'log', domain: ext ? [ext[0], ext[1]] : undefined, nice: true },
    title: tr('axis.viewsPerVideoLog'),
    axis: { labelExpr: compactLabel(), values: ext ? decades(ext[0], ext[1]) : undefined },
  };
  const spec = {
    ...base(t, 'half', tr('overview.tiers.title'), description, tr('overview.tiers.subtitle')),
    data: { values },
    encoding: {
      x: { field: 'tier', type: 'nominal', sort: order, title: tr('overview.tiers.axis'), axis: { labelAngle: 0 } },
      description: { field: 'desc' },
    },
    layer: [
      { mark: { type: 'rule', color: t.muted, strokeWidth: 1.2 }, encoding: { y: { ...y, field: 'min' }, y2: { field: 'max' } } },
      { mark: { type: 'bar', color: t.accentSoft, stroke: t.accent, strokeWidth: 1, width: { band: 0.46 }, cornerRadiusEnd: 0 }, encoding: { y: { ...y, field: 'q1' }, y2: { field: 'q3' } } },
      { mark: { type: 'tick', color: t.accent, thickness: 2.5, size: 28 }, encoding: { y: { ...y, field: 'median' } } },
    ],
  };
  return { id: 'overview-tiers', caption: tr('overview.tiers.caption'), title: tr('overview.tiers.title'), description, size: 'half', spec: spec as unknown as TopLevelSpec };
}

/** How many videos carry each viral-potential label. */
export function viralPotentialBars(vp: Overview['viralPotential'], t: ChartTheme): ChartSpec {
  const colors: Record<string, string> = { High: t.accent, Medium: t.categorical[1], Low: t.neutral, Unknown: t.grid };
  const values: Row[] = vp.map((v) => ({
    label: potentialName(v.label),
    videos: v.videos,
    text: `${formatCompact(v.videos)} · ${formatPct(v.share, 1)}`,
    color: colors[v.label] ?? t.neutral,
  }));
  const description = vp.length
    ? tr('desc.potential', { list: vp.map((v) => `${potentialName(v.label)} ${formatCompact(v.videos)} (${formatPct(v.share, 1)})`).join(', ') })
    : tr('desc.potential.none');
  const spec = {
    ...base(t, 'half', tr('overview.potential.title'), description, tr('overview.potential.subtitle')),
    data: { values },
    encoding: {
      x: { field: 'label', type: 'nominal', sort: ['High', 'Medium', 'Low', 'Unknown'].map(potentialName), title: tr('overview.potential.axis'), axis: { labelAngle: 0 } },
      y: { field: 'videos', type: 'quantitative', stack: null, title: tr('axis.videosCount'), axis: { ...countAxis(), tickCount: 5 } },
    },
    layer: [
      { mark: { type: 'bar', width: { band: 0.6 } }, encoding: { color: { field: 'color', type: 'nominal', scale: null, legend: null } } },
      { mark: { type: 'text', dy: -7, color: t.muted, fontSize: SIZE.fontSize - 2 }, encoding: { text: { field: 'text' } } },
    ],
  };
  return { id: 'overview-viral-potential', caption: tr('overview.potential.caption'), title: tr('overview.potential.title'), description, size: 'half', spec: spec as unknown as TopLevelSpec };
}

/** Tiers ranked by their median engagement rate. */
export function tierEngagementBars(rows: Overview['tiersByEngagement'], t: ChartTheme): ChartSpec {
  const kept = rows.filter((r) => finite(r.medianEngagementRate));
  const description = kept.length
    ? tr('desc.tierEngagement', { list: kept.map((r) => `${tierName(r.tier)} ${formatPct(r.medianEngagementRate)}`).join(', ') })
    : tr('desc.tierEngagement.none');
  const spec = horizontalBars({
    t,
    title: tr('overview.tierEngagement.title'),
    description,
    rows: kept.map((r) => ({ label: tierName(r.tier), value: r.medianEngagementRate as number, videos: 0 })),
    kind: 'rate',
    valueTitle: tr('axis.medianErPct'),
    categoryTitle: tr('overview.tierEngagement.axis'),
    size: 'full',
  });
  (spec as unknown as Json).height = 70 + kept.length * 26;
  return { id: 'overview-tier-engagement', caption: tr('overview.tierEngagement.caption'), title: tr('overview.tierEngagement.title'), description, size: 'full', spec };
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
