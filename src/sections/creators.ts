// Creator leaderboards (SPEC 4.3): per creator in scope the totals and medians the dashboard
// ranks by, one leaderboard per rank figure, the top-5 share of views and the most consistent
// creator. Rows are grouped by dictionary code (counting sort); rankings use byValueThenName.
import type { CreatorRow, Creators, RankBy } from '../types.ts';
import type { SectionContext } from './context.ts';
import { byValueThenName, compareCodePoints, GroupValues, groupRows, topN } from '../stats/group.ts';

export const RANK_BYS: readonly RankBy[] = ['views', 'engagement_rate', 'shares', 'comments', 'virality_score'];

/** Creators need this many videos in scope before their consistency (CV of views) is judged. */
export const CONSISTENCY_MIN_VIDEOS = 5;
const TOP_SHARE_CREATORS = 5;

interface Stats {
  row: CreatorRow;
  cv: number | null; // std (n-1) / mean of the views per video
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

/** The rank figure of a creator; null when the input cannot give it (no shares column for shares). */
function rankValue(ctx: SectionContext, row: CreatorRow, by: RankBy): number | null {
  switch (by) {
    case 'views':
      return ctx.dataset.num.views ? row.views : null;
    case 'engagement_rate':
      return row.medianEngagementRate;
    case 'shares':
      return ctx.dataset.num.shares ? row.shares : null;
    case 'comments':
      return ctx.dataset.num.comments ? row.comments : null;
    case 'virality_score':
      return row.medianViralityScore;
  }
}

/** Top `n` creators by one rank figure; creators without that figure are left out, not ranked last. */
export function leaderboard(ctx: SectionContext, rows: CreatorRow[], by: RankBy, n: number): CreatorRow[] {
  // rank indices, copy only the rows that make the list (a creator per video can mean 10^5+ rows)
  const values: (number | null)[] = rows.map((row) => rankValue(ctx, row, by));
  const ranked: number[] = [];
  for (let k = 0; k < rows.length; k++) if (values[k] !== null) ranked.push(k);
  const best = topN(ranked, Math.max(0, n), byValueThenName<number>((k) => values[k], (k) => rows[k].creator));
  return best.map((k) => ({ ...rows[k], value: values[k] }));
}

function creatorStats(ctx: SectionContext): Stats[] {
  const { dataset: ds, derived, scope } = ctx;
  const col = ds.text.creator!;
  const views = ds.num.views;
  const groups = groupRows(col.codes, scope.rows, col.values.length);
  const rows = groups.rows;
  // one buffer per figure, reused by every creator (most have one or two videos)
  const v = new GroupValues();
  const er = new GroupValues();
  const score = new GroupValues();
  const out: Stats[] = [];
  for (let k = 0; k < groups.groups; k++) {
    const from = groups.start[k];
    const to = groups.start[k + 1];
    if (from === to) continue;
    if (views) v.sorted(views, rows, from, to);
    else v.n = 0;
    const n = v.n;
    const buf = v.buf;
    let sum = 0;
    for (let i = 0; i < n; i++) sum += buf[i];
    let cv: number | null = null;
    if (n >= 2 && sum > 0) {
      const mean = sum / n;
      let ss = 0;
      for (let i = 0; i < n; i++) ss += (buf[i] - mean) * (buf[i] - mean);
      cv = Math.sqrt(ss / (n - 1)) / mean;
    }
    const q1 = v.quantile(0.25);
    const q3 = v.quantile(0.75);
    out.push({
      row: {
        creator: col.values[k],
        videos: to - from,
        views: sum,
        medianViews: v.quantile(0.5),
        viewsIqr: q1 === null || q3 === null ? null : q3 - q1,
        medianEngagementRate: er.load(derived.engagementRate, rows, from, to).median(),
        shares: sumOf(ds.num.shares, rows, from, to),
        comments: sumOf(ds.num.comments, rows, from, to),
        medianViralityScore: score.load(derived.viralityScore, rows, from, to).median(),
        value: null,
      },
      cv,
    });
  }
  return out;
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

  const stats = creatorStats(ctx);
  if (stats.length === 0) return empty('No video in scope names a creator.');
  const rows = stats.map((s) => s.row);

  const leaderboards = RANK_BYS.map((by) => ({ rankBy: by, top: leaderboard(ctx, rows, by, top) }));

  let totalViews = 0;
  const views = ds.num.views;
  if (views) totalViews = sumOf(views, scope.rows);
  const top5 = leaderboard(ctx, rows, 'views', TOP_SHARE_CREATORS);
  const topShareOfViews = totalViews > 0 ? top5.reduce((s, r) => s + r.views, 0) / totalViews : null;

  let best: Stats | null = null;
  for (const s of stats) {
    if (s.row.videos < CONSISTENCY_MIN_VIDEOS || s.cv === null) continue;
    if (best === null || s.cv < best.cv! || (s.cv === best.cv && compareCodePoints(s.row.creator, best.row.creator) < 0)) best = s;
  }

  return {
    available: true,
    reason: null,
    rankBy,
    top: leaderboards.find((l) => l.rankBy === rankBy)?.top ?? [],
    creatorsInScope: stats.length,
    topShareOfViews,
    mostConsistent: best && { creator: best.row.creator, videos: best.row.videos, medianViews: best.row.medianViews, cv: best.cv },
    leaderboards,
    movement: null,
  };
}
