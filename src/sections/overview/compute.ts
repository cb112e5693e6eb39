// Overview section (SPEC 4.1, metrics.json `overview`): headline KPIs, quick snapshot
// quantiles, views by performance tier and the viral potential breakdown, all over the rows in
// scope. Quantiles are over non-missing values only, views of 0 included (as in pandas).
import { TIERS, VIRAL_POTENTIAL } from '../../types.ts';
import type { Overview, TierSummary } from '../../types.ts';
import { quantileSorted } from '../../stats/quantile.ts';
import { byValueThenName, groupMembers, groupRows, GroupValues, medianAt, sortedValues } from '../../stats/group.ts';
import type { Groups } from '../../stats/group.ts';
import { labelsByRow, scopeSortedViews } from '../../data/scope.ts';
import type { SectionContext } from '../context.ts';

const UNKNOWN_TIER = TIERS.indexOf('Unknown');
const UNKNOWN_VP = VIRAL_POTENTIAL.indexOf('Unknown');
const HIGH_VP = VIRAL_POTENTIAL.indexOf('High');

/**
 * Sorted non-missing views of tier k. Tiers are cut by views, so the real tiers are consecutive
 * runs of the scope's sorted views (after the values <= 0, which are Unknown): slicing them
 * saves sorting views again per tier. The slices are used only when every tier's count, minimum
 * and maximum line up with its slice (one pass); otherwise a tier's own views are sorted, so a
 * scope whose labels were not cut from these views still gets correct figures.
 */
function viewsByTier(sorted: Float64Array, byTier: Groups, views: Float64Array | undefined) {
  if (!views) return (): Float64Array => new Float64Array(0);
  const real = UNKNOWN_TIER;
  const size = (k: number) => byTier.start[k + 1] - byTier.start[k];
  let firstPositive = 0;
  while (firstPositive < sorted.length && !(sorted[firstPositive] > 0)) firstPositive++;
  const from = new Uint32Array(real + 1);
  from[0] = firstPositive;
  for (let k = 0; k < real; k++) from[k + 1] = from[k] + size(k);
  let lined = from[real] === sorted.length;
  for (let k = 0; lined && k < real; k++) {
    const m = groupMembers(byTier, k);
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < m.length; i++) {
      const v = views[m[i]];
      if (!(v > 0)) lined = false; // NaN or <= 0 in a real tier
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    if (m.length > 0 && (sorted[from[k]] !== lo || sorted[from[k + 1] - 1] !== hi)) lined = false;
  }
  return (k: number): Float64Array => {
    if (!lined) return sortedValues(views, groupMembers(byTier, k));
    return k === UNKNOWN_TIER ? sorted.subarray(0, firstPositive) : sorted.subarray(from[k], from[k + 1]);
  };
}

/**
 * Choices where SPEC is silent:
 * - tiers[] always lists the five real tiers (0 videos and null figures when empty, so a chart
 *   or a reader of metrics.json sees a stable shape); `Unknown` only when it holds videos.
 * - tiersByEngagement ranks the tiers that hold videos, Unknown left out: its views are missing
 *   or 0, so it has no engagement rate by definition.
 * - platforms are the distinct platform values in scope, most videos first, ties by name.
 */
export function computeOverview(ctx: SectionContext): Overview {
  const { dataset: ds, derived, scope } = ctx;
  const rows = scope.rows;
  const videos = rows.length;
  const views = ds.num.views;

  let totalViews = 0;
  let viewCount = 0;
  if (views) {
    for (let i = 0; i < rows.length; i++) {
      const v = views[rows[i]];
      if (v === v) {
        totalViews += v;
        viewCount++;
      }
    }
  }
  const sortedViews = views ? scopeSortedViews(scope, views) : new Float64Array(0);
  const [medianEr, p90Er] = new GroupValues(ctx.scratch).load(derived.engagementRate, rows).quantiles([0.5, 0.9]);
  const duration = ds.num.duration;

  const tierCodes = labelsByRow(ds.rows, scope, scope.tier);
  const byTier = groupRows(tierCodes, rows, TIERS.length);
  const tierViews = viewsByTier(sortedViews, byTier, views);
  const tiers: TierSummary[] = [];
  for (let k = 0; k < TIERS.length; k++) {
    const members = groupMembers(byTier, k);
    if (k === UNKNOWN_TIER && members.length === 0) continue;
    const v = tierViews(k);
    tiers.push({
      tier: TIERS[k],
      videos: members.length,
      minViews: v.length ? v[0] : null,
      q1: quantileSorted(v, 0.25),
      median: quantileSorted(v, 0.5),
      q3: quantileSorted(v, 0.75),
      maxViews: v.length ? v[v.length - 1] : null,
      medianEngagementRate: medianAt(derived.engagementRate, members, ctx.scratch),
    });
  }
  const tiersByEngagement = tiers
    .filter((t) => t.videos > 0 && t.tier !== 'Unknown')
    .map((t) => ({ tier: t.tier, medianEngagementRate: t.medianEngagementRate }))
    .sort(byValueThenName((t) => t.medianEngagementRate, (t) => t.tier));

  const vpCount = new Array<number>(VIRAL_POTENTIAL.length).fill(0);
  for (let i = 0; i < scope.viralPotential.length; i++) vpCount[scope.viralPotential[i]]++;
  const viralPotential: Overview['viralPotential'] = [];
  for (let k = 0; k < VIRAL_POTENTIAL.length; k++) {
    if (k === UNKNOWN_VP && vpCount[k] === 0) continue;
    viralPotential.push({ label: VIRAL_POTENTIAL[k], videos: vpCount[k], share: videos ? vpCount[k] / videos : null });
  }

  let platforms: string[] = [];
  const platform = ds.text.platform;
  if (platform) {
    const g = groupRows(platform.codes, rows, platform.values.length);
    const present: { name: string; videos: number }[] = [];
    for (let k = 0; k < g.groups; k++) {
      const count = g.start[k + 1] - g.start[k];
      if (count > 0) present.push({ name: platform.values[k], videos: count });
    }
    platforms = present.sort(byValueThenName((p) => p.videos, (p) => p.name)).map((p) => p.name);
  }

  return {
    videos,
    totalViews,
    averageViews: viewCount ? totalViews / viewCount : null,
    medianViews: quantileSorted(sortedViews, 0.5),
    p90Views: quantileSorted(sortedViews, 0.9),
    medianEngagementRate: medianEr,
    p90EngagementRate: p90Er,
    medianDurationSec: duration ? medianAt(duration, rows, ctx.scratch) : null,
    highViralPotentialShare: videos ? vpCount[HIGH_VP] / videos : null,
    platforms,
    tiers,
    tiersByEngagement,
    viralPotential,
  };
}
