// Creator leaderboards (SPEC 4.3): per creator in scope the totals and medians the dashboard
// ranks by, one leaderboard per rank figure, the top-5 share of views and the most consistent
// creator. Rows are grouped by dictionary code (counting sort); rankings use byValueThenName.
import type { CreatorRow, Creators, RankBy } from '../types.ts';
import type { SectionContext } from './context.ts';
import { byValueThenName, compareCodePoints, GroupValues, groupRows, orNull, topN } from '../stats/group.ts';

export const RANK_BYS: readonly RankBy[] = ['views', 'engagement_rate', 'shares', 'comments', 'virality_score'];

/** Creators need this many videos in scope before their consistency (CV of views) is judged. */
export const CONSISTENCY_MIN_VIDEOS = 5;
const TOP_SHARE_CREATORS = 5;

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

function sumOf(values: ArrayLike<number> | undefined, rows: ArrayLike<number>, from = 0, to = rows.length): number {
  if (!values) return 0;
  let s = 0;
  for (let i = from; i < to; i++) {
    const v = values[rows[i]];
    if (v === v) s += v; // missing counts 0
  }
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

function creatorRow(t: CreatorTable, i: number, value: number | null): CreatorRow {
  return {
    creator: t.name[i],
    videos: t.videos[i],
    views: t.views[i],
    medianViews: orNull(t.medianViews[i]),
    viewsIqr: orNull(t.viewsIqr[i]),
    medianEngagementRate: orNull(t.medianEngagementRate[i]),
    shares: t.shares[i],
    comments: t.comments[i],
    medianViralityScore: orNull(t.medianViralityScore[i]),
    value,
  };
}

/** Top `n` creators by one rank figure; creators without that figure are left out, not ranked last. */
export function leaderboard(ctx: SectionContext, t: CreatorTable, by: RankBy, n: number): CreatorRow[] {
  const values = new Float64Array(t.n);
  const ranked: number[] = [];
  for (let i = 0; i < t.n; i++) {
    values[i] = rankValue(ctx, t, i, by);
    if (values[i] === values[i]) ranked.push(i);
  }
  const best = topN(ranked, Math.max(0, n), byValueThenName<number>((i) => values[i], (i) => t.name[i]));
  return best.map((i) => creatorRow(t, i, values[i]));
}

/** The figures of every creator with rows in scope, in dictionary order. */
export function creatorTable(ctx: SectionContext): CreatorTable {
  const { dataset: ds, derived, scope } = ctx;
  const col = ds.text.creator!;
  const views = ds.num.views;
  const groups = groupRows(col.codes, scope.rows, col.values.length);
  const rows = groups.rows;
  let n = 0;
  for (let k = 0; k < groups.groups; k++) if (groups.start[k + 1] > groups.start[k]) n++;
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
  // one buffer per figure, reused by every creator (most have one or two videos)
  const v = new GroupValues();
  const er = new GroupValues();
  const score = new GroupValues();
  let i = 0;
  for (let k = 0; k < groups.groups; k++) {
    const from = groups.start[k];
    const to = groups.start[k + 1];
    if (from === to) continue;
    if (views) v.sorted(views, rows, from, to);
    else v.n = 0;
    const m = v.n;
    const buf = v.buf;
    let sum = 0;
    for (let j = 0; j < m; j++) sum += buf[j];
    let cv = NaN;
    if (m >= 2 && sum > 0) {
      const mean = sum / m;
      let ss = 0;
      for (let j = 0; j < m; j++) ss += (buf[j] - mean) * (buf[j] - mean);
      cv = Math.sqrt(ss / (m - 1)) / mean;
    }
    const q1 = v.quantile(0.25);
    const q3 = v.quantile(0.75);
    t.name[i] = col.values[k];
    t.videos[i] = to - from;
    t.views[i] = sum;
    t.medianViews[i] = v.quantile(0.5) ?? NaN;
    t.viewsIqr[i] = q1 === null || q3 === null ? NaN : q3 - q1;
    t.medianEngagementRate[i] = er.load(derived.engagementRate, rows, from, to).median() ?? NaN;
    t.shares[i] = sumOf(ds.num.shares, rows, from, to);
    t.comments[i] = sumOf(ds.num.comments, rows, from, to);
    t.medianViralityScore[i] = score.load(derived.viralityScore, rows, from, to).median() ?? NaN;
    t.cv[i] = cv;
    i++;
  }
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
  if (views) totalViews = sumOf(views, scope.rows);
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
