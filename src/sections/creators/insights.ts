// Creators & content findings: creator concentration, the most consistent creator, the best
// duration, hashtag and category, and against the previous period the leaderboard's movement.
import type { Insight, ReportModel } from '../../types.ts';
import { formatCompact, formatInt, formatNumber } from '../../format.ts';
import { RANK_BY_LABEL, TOP_SHARE_CREATORS } from '../../vocabulary.ts';
import {
  among, extremes, insight, isNum, joinValues, liftFigures, liftText, MAX_NAMES, MIN_CREATORS_FOR_SHARE, MIN_GROUP_VIDEOS, MIN_SCOPE_VIDEOS,
  pct1, sentence, v, type Parts,
} from '../../findings.ts';

/** creator-concentration (top 5 creators' share of all views) and consistent-creator (lowest CV of views). */
export function creatorInsights(model: ReportModel): Insight[] {
  const c = model.creators;
  if (!c.available) return [];
  const out: Insight[] = [];
  if (isNum(c.topShareOfViews) && c.creatorsInScope >= MIN_CREATORS_FOR_SHARE) {
    out.push({
      section: 'creators',
      kind: 'creator-concentration',
      text: `The top ${formatInt(TOP_SHARE_CREATORS)} creators hold ${pct1(c.topShareOfViews)} of all views, out of ${formatInt(c.creatorsInScope)} creators in scope.`,
      figures: { topCreators: TOP_SHARE_CREATORS, topShareOfViews: c.topShareOfViews, creatorsInScope: c.creatorsInScope },
    });
  }
  const m = c.mostConsistent;
  if (m && isNum(m.cv) && isNum(m.medianViews) && m.videos >= MIN_GROUP_VIDEOS) {
    out.push(insight(
      'creators',
      'consistent-creator',
      sentence`${v(m.creator)} has the most consistent views: a coefficient of variation of ${formatNumber(m.cv, 2)} across ${formatInt(m.videos)} videos, with a median of ${formatCompact(m.medianViews)} views.`,
      { creator: m.creator, cv: m.cv, videos: m.videos, medianViews: m.medianViews },
    ));
  }
  return out;
}

/** best-duration, best-hashtag, best-category by median views (section 'creators': "Creators & content"). */
export function content(model: ReportModel): Insight[] {
  const overall = model.overview.medianViews;
  if (model.overview.videos < MIN_SCOPE_VIDEOS || !isNum(overall)) return [];
  const c = model.content;
  const out: Insight[] = [];
  const parts = [
    { kind: 'best-duration', key: 'bucket', what: 'durations', noun: 'best duration', ok: c.durationAvailable.available,
      groups: c.durationBuckets.map((b) => ({ label: b.bucket, videos: b.videos, median: b.medianViews })) },
    { kind: 'best-hashtag', key: 'hashtag', what: 'hashtags', noun: 'best-performing hashtag', ok: c.hashtagsAvailable.available,
      groups: c.hashtags.map((h) => ({ label: h.hashtag, videos: h.videos, median: h.medianViews })) },
    { kind: 'best-category', key: 'category', what: 'categories', noun: 'best-performing category', ok: c.categoriesAvailable.available,
      groups: c.categories.map((h) => ({ label: h.category, videos: h.videos, median: h.medianViews })) },
  ];
  for (const part of parts) {
    if (!part.ok) continue;
    const p = extremes(part.groups, overall).best;
    if (!p) continue;
    const subject = sentence`The ${part.noun}${among(p, part.what)} is ${v(p.group.label)}`;
    out.push(insight('creators', part.kind, liftText(subject, p, overall), liftFigures(part.key, p, overall)));
  }
  return out;
}

/** leaderboard-movement: creators entering or leaving the top N leaderboard against the previous period. */
export function leaderboardMovement(model: ReportModel): Insight[] {
  const out: Insight[] = [];
  const c = model.creators;
  const mv = c.movement;
  const topN = c.top.length;
  if (c.available && mv && topN > 0 && (mv.entered.length > 0 || mv.left.length > 0)) {
    const figures: Insight['figures'] = { top: topN, rankBy: c.rankBy };
    const names = (list: string[], key: string): Parts => {
      const shown = list.slice(0, MAX_NAMES);
      figures[`${key}Names`] = shown.join(', ');
      const more = list.length - shown.length;
      if (more > 0) figures[`${key}More`] = more;
      return sentence`${joinValues(shown)}${more > 0 ? ` and ${formatInt(more)} more` : ''}`;
    };
    const board = `the top ${formatInt(topN)} by ${RANK_BY_LABEL[c.rankBy]?.short ?? c.rankBy}`;
    const plural = (n: number) => `${formatInt(n)} creator${n === 1 ? '' : 's'}`;
    let text: Parts;
    if (mv.entered.length > 0 && mv.left.length > 0) {
      figures.entered = mv.entered.length;
      figures.left = mv.left.length;
      text = sentence`${plural(mv.entered.length)} entered ${board} (${names(mv.entered, 'entered')}) and ${formatInt(mv.left.length)} left (${names(mv.left, 'left')}).`;
    } else if (mv.entered.length > 0) {
      figures.entered = mv.entered.length;
      text = sentence`${plural(mv.entered.length)} entered ${board}: ${names(mv.entered, 'entered')}.`;
    } else {
      figures.left = mv.left.length;
      text = sentence`${plural(mv.left.length)} left ${board}: ${names(mv.left, 'left')}.`;
    }
    out.push(insight('creators', 'leaderboard-movement', text, figures));
  }
  return out;
}
