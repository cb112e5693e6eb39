// Virality lab (SPEC 4.4, metrics.json `virality`): threshold and candidates, median score by
// platform among candidates, score histogram, top candidates with an outlier multiple, and the
// views x engagement-rate scatter (a binned density for large scopes, never 100k SVG dots).
import type { Candidate, ScatterData, Virality } from '../../types.ts';
import { byValueThenName, compareCodePoints, groupMembers, groupRows, GroupValues, medianAt, orNull, topN } from '../../stats/group.ts';
import { scopeGroups } from '../compact.ts';
import { resolveThreshold, scopeSortedScores } from '../../data/scope.ts';
import type { SectionContext } from '../context.ts';

/** Scopes with at most this many plottable rows are drawn as points, larger ones as a density. */
export const SCATTER_POINT_LIMIT = 2000;
const DENSITY_VIEW_BINS = 40;
const DENSITY_RATE_BINS = 30;
/** A creator needs this many videos in scope before a video is compared to their median. */
const OUTLIER_MIN_VIDEOS = 5;

/**
 * Equal-width histogram over [min, max] of ascending values, numpy's convention: bins are
 * left-closed except the last, which is closed; edges are min + k*width with the last edge
 * exactly max, and a value is moved to the neighbouring bin when rounding put it on the wrong
 * side of an edge. One distinct value gives one zero-width bin.
 */
export function histogram(sorted: Float64Array, bins: number): { x0: number; x1: number; count: number }[] {
  const n = sorted.length;
  if (n === 0) return [];
  const lo = sorted[0];
  const hi = sorted[n - 1];
  if (lo === hi) return [{ x0: lo, x1: hi, count: n }];
  const b = Math.max(1, Math.floor(bins) || 1);
  const width = (hi - lo) / b;
  const edges = new Float64Array(b + 1);
  for (let k = 0; k < b; k++) edges[k] = lo + k * width;
  edges[b] = hi;
  const counts = new Uint32Array(b);
  for (let i = 0; i < n; i++) {
    const v = sorted[i];
    let k = Math.min(b - 1, Math.floor((v - lo) / width));
    if (k > 0 && v < edges[k]) k--;
    else if (k < b - 1 && v >= edges[k + 1]) k++;
    counts[k]++;
  }
  const out: { x0: number; x1: number; count: number }[] = [];
  for (let k = 0; k < b; k++) out.push({ x0: edges[k], x1: edges[k + 1], count: counts[k] });
  return out;
}

/**
 * The scatter of rows in scope with views > 0 and an engagement rate. Density choice: the view
 * axis is log10(views) over [min, max]; the rate axis runs from the minimum rate to the rate's
 * q99 and rates above q99 are counted in the top rate bin (clipped), so a few extreme rates do
 * not squeeze every other video into one bin. Only non-empty bins are listed, by view bin then
 * rate bin.
 */
export function scatterOf(
  views: Float64Array | undefined,
  rate: Float64Array,
  rows: Uint32Array,
  isCandidate: (row: number) => boolean,
): ScatterData {
  if (!views) return { kind: 'points', points: [] };
  const plotted = new Uint32Array(rows.length);
  let n = 0;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    if (views[r] > 0 && rate[r] === rate[r] && Number.isFinite(views[r])) plotted[n++] = r;
  }
  const sel = plotted.subarray(0, n);
  if (n <= SCATTER_POINT_LIMIT) {
    const points = new Array<{ views: number; engagementRate: number; candidate: boolean }>(n);
    for (let i = 0; i < n; i++) {
      const r = sel[i];
      points[i] = { views: views[r], engagementRate: rate[r], candidate: isCandidate(r) };
    }
    return { kind: 'points', points };
  }

  // n > 0 here: every plotted row has a rate
  const [rMin, rMax] = new GroupValues().load(rate, sel).quantiles([0, 0.99]) as number[];
  let lMin = Infinity;
  let lMax = -Infinity;
  const logv = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const l = Math.log10(views[sel[i]]);
    logv[i] = l;
    if (l < lMin) lMin = l;
    if (l > lMax) lMax = l;
  }
  // a degenerate axis (one distinct value) gets a single zero-width bin
  const vb = lMax > lMin ? DENSITY_VIEW_BINS : 1;
  const rb = rMax > rMin ? DENSITY_RATE_BINS : 1;
  const vw = vb > 1 ? (lMax - lMin) / vb : 0;
  const rw = rb > 1 ? (rMax - rMin) / rb : 0;
  const counts = new Uint32Array(vb * rb);
  for (let i = 0; i < n; i++) {
    const x = logv[i];
    const y = Math.min(rate[sel[i]], rMax);
    const kx = vb > 1 ? Math.min(vb - 1, Math.floor((x - lMin) / vw)) : 0;
    const ky = rb > 1 ? Math.min(rb - 1, Math.max(0, Math.floor((y - rMin) / rw))) : 0;
    counts[kx * rb + ky]++;
  }
  const bins: Extract<ScatterData, { kind: 'density' }>['bins'] = [];
  for (let kx = 0; kx < vb; kx++) {
    for (let ky = 0; ky < rb; ky++) {
      const count = counts[kx * rb + ky];
      if (count === 0) continue;
      bins.push({
        logViews0: lMin + kx * vw,
        logViews1: kx === vb - 1 ? lMax : lMin + (kx + 1) * vw,
        rate0: rMin + ky * rw,
        rate1: ky === rb - 1 ? rMax : rMin + (ky + 1) * rw,
        count,
      });
    }
  }
  return { kind: 'density', bins };
}

/**
 * Choices where SPEC is silent: candidateShare is candidates / videos in scope; byPlatform
 * leaves out candidates without a platform; top candidates tie on score by title (code point,
 * missing titles last), then dataset row order.
 */
export function computeVirality(ctx: SectionContext): Virality {
  const { dataset: ds, derived, scope, report } = ctx;
  const rows = scope.rows;
  const score = derived.viralityScore;
  const sortedScores = scopeSortedScores(scope, score);
  const { value: threshold, rule } = resolveThreshold(report.virality.threshold, sortedScores);

  if (sortedScores.length === 0) {
    return {
      available: false,
      reason: rows.length === 0 ? 'No videos in scope.' : 'No video in scope has a virality score.',
      threshold,
      thresholdRule: rule,
      candidates: 0,
      candidateShare: null,
      byPlatform: [],
      histogram: [],
      top: [],
      scatter: { kind: 'points', points: [] },
    };
  }

  // candidate rows, ascending; NaN scores never pass the comparison
  const cand = new Uint32Array(rows.length);
  let nc = 0;
  if (threshold !== null) for (let i = 0; i < rows.length; i++) if (score[rows[i]] >= threshold) cand[nc++] = rows[i];
  const candidates = cand.slice(0, nc);
  const isCand = new Uint8Array(ds.rows);
  for (let i = 0; i < nc; i++) isCand[candidates[i]] = 1;

  const byPlatform: Virality['byPlatform'] = [];
  const platform = ds.text.platform;
  if (platform) {
    const g = groupRows(platform.codes, candidates, platform.values.length);
    for (let k = 0; k < g.groups; k++) {
      const m = groupMembers(g, k);
      if (m.length === 0) continue;
      byPlatform.push({ platform: platform.values[k], candidates: m.length, medianScore: medianAt(score, m, ctx.scratch) });
    }
    byPlatform.sort(byValueThenName((p) => p.medianScore, (p) => p.platform));
  }

  const title = ds.text.title;
  const titleOf = (r: number): string | null => (title && title.codes[r] >= 0 ? title.values[title.codes[r]] : null);
  // the first `top` of the candidates in this total order, without sorting all of them
  const byScoreThenTitle = (a: number, b: number): number => {
    const d = score[b] - score[a];
    if (d !== 0) return d;
    const ta = titleOf(a);
    const tb = titleOf(b);
    if (ta !== tb) {
      if (ta === null) return 1;
      if (tb === null) return -1;
      const c = compareCodePoints(ta, tb);
      if (c !== 0) return c;
    }
    return a - b;
  };
  const topRows = topN(candidates, Math.max(0, Math.floor(report.sections.virality.top)), score, byScoreThenTitle);

  // creator median views over the scope, only for creators of the listed candidates
  const creator = ds.text.creator;
  const views = ds.num.views;
  const creatorMedian = new Map<number, number | null>();
  if (creator && views && topRows.length > 0) {
    const wanted = new Set<number>();
    for (const r of topRows) if (creator.codes[r] >= 0) wanted.add(creator.codes[r]);
    const scoped = scopeGroups(creator.codes, rows, creator.values.length, ctx.scratch);
    const g = scoped.groups;
    g.load(scoped.column(views));
    for (const c of wanted) {
      const k = scoped.groupOf(c);
      creatorMedian.set(c, k >= 0 && g.size[k] >= OUTLIER_MIN_VIDEOS ? g.aggregate(k, 'median') : null);
    }
  }
  const text = (col: { codes: Int32Array; values: string[] } | undefined, r: number) =>
    col && col.codes[r] >= 0 ? col.values[col.codes[r]] : null;
  const top: Candidate[] = topRows.map((r) => {
    const v = views ? orNull(views[r]) : null;
    const c = creator ? creator.codes[r] : -1;
    const med = c >= 0 ? creatorMedian.get(c) ?? null : null;
    return {
      title: titleOf(r),
      creator: text(creator, r),
      platform: text(platform, r),
      views: v,
      engagementRate: orNull(derived.engagementRate[r]),
      viralityScore: score[r],
      durationSec: ds.num.duration ? orNull(ds.num.duration[r]) : null,
      outlierMultiple: v !== null && med !== null && med > 0 ? v / med : null,
    };
  });

  return {
    available: true,
    reason: null,
    threshold,
    thresholdRule: rule,
    candidates: nc,
    candidateShare: rows.length ? nc / rows.length : null,
    byPlatform,
    histogram: histogram(sortedScores, report.sections.virality.bins),
    top,
    scatter: scatterOf(views, derived.engagementRate, rows, (r) => isCand[r] === 1),
  };
}
