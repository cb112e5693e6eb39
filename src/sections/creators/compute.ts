// Creator leaderboards (SPEC 4.3): per creator in scope the totals and medians the dashboard
// ranks by, one leaderboard per rank figure, the top-5 share of views and the most consistent
// creator. Rows are grouped by dictionary code (counting sort); rankings use byValueThenName.
import type { CreatorRow, Creators, RankBy } from '../../types.ts';
import type { SectionContext } from '../context.ts';
import { byValueThenName, compareCodePoints, GroupValues, orNull, topN } from '../../stats/group.ts';
import { scopeGroups } from '../compact.ts';
import { RANK_BYS, TOP_SHARE_CREATORS } from '../../vocabulary.ts';

/** Creators need this many videos in scope before their consistency (CV of views) is judged. */
export const CONSISTENCY_MIN_VIDEOS = 5;

/**
 * Per-creator figures of a scope, one typed array per figure (index = creator in scope): a
 * creator per video means 10^5+ creators, so no object each; only the creators that make a
 * list become CreatorRows. A missing median, IQR or CV is NaN here and null in the model.
 */
export interface CreatorTable {
  n: number;
  name: string[];
  videos: Uint32Array;
  views: Float64Array; // sum; missing views count 0
  medianViews: Float64Array;
  viewsIqr: Float64Array;
  medianEngagementRate: Float64Array;
  shares: Float64Array;
  comments: Float64Array;
  medianViralityScore: Float64Array;
  cv: Float64Array; // std (n-1) / mean of the views per video
}

function sumOf(values: ArrayLike<number>, from: number, to: number): number {
  let s = 0;
  for (let i = from; i < to; i++) s += values[i];
  return s;
}

/** The rank figure of creator i (NaN: the input cannot give it, e.g. no shares column for shares). */
function rankValue(ctx: SectionContext, t: CreatorTable, i: number, by: RankBy): number {
  switch (by) {
    case 'views':
      return ctx.dataset.num.views ? t.views[i] : NaN;
    case 'engagement_rate':
      return t.medianEngagementRate[i];
    case 'shares':
      return ctx.dataset.num.shares ? t.shares[i] : NaN;
    case 'comments':
      return ctx.dataset.num.comments ? t.comments[i] : NaN;
    case 'virality_score':
      return t.medianViralityScore[i];
  }
}

function creatorRow(ctx: SectionContext, t: CreatorTable, i: number, value: number | null): CreatorRow {
  const num = ctx.dataset.num;
  return {
    creator: t.name[i],
    videos: t.videos[i],
    views: t.views[i],
    medianViews: orNull(t.medianViews[i]),
    viewsIqr: orNull(t.viewsIqr[i]),
    medianEngagementRate: orNull(t.medianEngagementRate[i]),
    // a count the export has no column for is unknown, not 0 (SPEC 10)
    shares: num.shares ? t.shares[i] : null,
    comments: num.comments ? t.comments[i] : null,
    medianViralityScore: orNull(t.medianViralityScore[i]),
    value,
  };
}

/** Top `n` creators by one rank figure; creators without that figure are left out, not ranked last. */
export function leaderboard(ctx: SectionContext, t: CreatorTable, by: RankBy, n: number): CreatorRow[] {
  const values = new Float64Array(t.n);
  const ranked = new Uint32Array(t.n);
  let k = 0;
  for (let i = 0; i < t.n; i++) {
    values[i] = rankValue(ctx, t, i, by);
    if (values[i] === values[i]) ranked[k++] = i;
  }
  const best = topN(ranked.subarray(0, k), Math.max(0, n), values, byValueThenName<number>((i) => values[i], (i) => t.name[i]));
  return best.map((i) => creatorRow(ctx, t, i, values[i]));
}

/** The figures of every creator with rows in scope, in dictionary order. */
export function creatorTable(ctx: SectionContext): CreatorTable {
  const { dataset: ds, derived, scope } = ctx;
  const col = ds.text.creator!;
  const scoped = scopeGroups(col.codes, scope.rows, col.values.length, ctx.scratch);
  const groups = scoped.groups;
  const k = groups.groups;
  let n = 0;
  for (let c = 0; c < k; c++) if (groups.size[c] > 0) n++;
  const t: CreatorTable = {
    n,
    name: new Array<string>(n),
    videos: new Uint32Array(n),
    views: new Float64Array(n),
    medianViews: new Float64Array(n),
    viewsIqr: new Float64Array(n),
    medianEngagementRate: new Float64Array(n),
    shares: new Float64Array(n),
    comments: new Float64Array(n),
    medianViralityScore: new Float64Array(n),
    cv: new Float64Array(n),
  };
  for (let c = 0, i = 0; c < k; c++) {
    if (groups.size[c] === 0) continue;
    t.name[i] = col.values[scoped.codeOf(c)];
    t.videos[i++] = groups.size[c];
  }
  // one column at a time: each creator's values are a slice of the loaded buffer
  const g = new GroupValues(ctx.scratch);
  const each = (column: ArrayLike<number> | undefined, figure: (i: number, values: Float64Array, from: number, to: number) => void) => {
    if (!column) return;
    const values = groups.load(scoped.column(column));
    for (let c = 0, i = 0; c < k; c++) {
      if (groups.size[c] > 0) figure(i++, values, groups.start[c], groups.end[c]);
    }
  };
  each(ds.num.views, (i, values, from, to) => {
    g.copy(values, from, to).sort();
    const m = g.n;
    const buf = g.buf;
    let sum = 0;
    for (let j = 0; j < m; j++) sum += buf[j];
    let cv = NaN;
    if (m >= 2 && sum > 0) {
      const mean = sum / m;
      let ss = 0;
      for (let j = 0; j < m; j++) ss += (buf[j] - mean) * (buf[j] - mean);
      cv = Math.sqrt(ss / (m - 1)) / mean;
    }
    const q1 = g.quantile(0.25);
    const q3 = g.quantile(0.75);
    t.views[i] = sum;
    t.medianViews[i] = g.quantile(0.5) ?? NaN;
    t.viewsIqr[i] = q1 === null || q3 === null ? NaN : q3 - q1;
    t.cv[i] = cv;
  });
  if (!ds.num.views) {
    t.medianViews.fill(NaN);
    t.viewsIqr.fill(NaN);
    t.cv.fill(NaN);
  }
  each(derived.engagementRate, (i, values, from, to) => (t.medianEngagementRate[i] = g.copy(values, from, to).median() ?? NaN));
  each(ds.num.shares, (i, values, from, to) => (t.shares[i] = sumOf(values, from, to))); // missing counts 0
  each(ds.num.comments, (i, values, from, to) => (t.comments[i] = sumOf(values, from, to)));
  each(derived.viralityScore, (i, values, from, to) => (t.medianViralityScore[i] = g.copy(values, from, to).median() ?? NaN));
  return t;
}

/**
 * Choices where SPEC is silent: topShareOfViews divides by the views of every row in scope
 * (rows without a creator included), so it is the share of the whole report's reach; the most
 * consistent creator needs >= 5 videos in scope and a positive mean of views; leaderboards by
 * shares or comments are empty when the input has no such column rather than a list of zeros.
 */
export function computeCreators(ctx: SectionContext): Creators {
  const { dataset: ds, scope, report } = ctx;
  const { rankBy, top } = report.sections.creators;
  const empty = (reason: string): Creators => ({
    available: false, reason, rankBy, top: [], creatorsInScope: 0, topShareOfViews: null,
    mostConsistent: null, leaderboards: RANK_BYS.map((by) => ({ rankBy: by, top: [] })), movement: null,
  });
  if (!ds.text.creator) return empty('No creator column was found in the input, so there is no creator leaderboard.');

  const t = creatorTable(ctx);
  if (t.n === 0) return empty('No video in scope names a creator.');

  const leaderboards = RANK_BYS.map((by) => ({ rankBy: by, top: leaderboard(ctx, t, by, top) }));

  let totalViews = 0;
  const views = ds.num.views;
  if (views) {
    for (let i = 0; i < scope.rows.length; i++) {
      const v = views[scope.rows[i]];
      if (v === v) totalViews += v;
    }
  }
  const top5 = leaderboard(ctx, t, 'views', TOP_SHARE_CREATORS);
  const topShareOfViews = totalViews > 0 ? top5.reduce((s, r) => s + r.views, 0) / totalViews : null;

  let best = -1;
  for (let i = 0; i < t.n; i++) {
    const cv = t.cv[i];
    if (t.videos[i] < CONSISTENCY_MIN_VIDEOS || cv !== cv) continue;
    if (best < 0 || cv < t.cv[best] || (cv === t.cv[best] && compareCodePoints(t.name[i], t.name[best]) < 0)) best = i;
  }

  return {
    available: true,
    reason: null,
    rankBy,
    top: leaderboards.find((l) => l.rankBy === rankBy)?.top ?? [],
    creatorsInScope: t.n,
    topShareOfViews,
    mostConsistent: best < 0 ? null : { creator: t.name[best], videos: t.videos[best], medianViews: orNull(t.medianViews[best]), cv: t.cv[best] },
    leaderboards,
    movement: null,
  };
}
