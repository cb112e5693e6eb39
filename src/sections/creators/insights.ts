// Creators & content findings: creator concentration, the most consistent creator, the best
// duration, hashtag and category, and against the previous period the leaderboard's movement.
import type { Insight, ReportModel } from '../../types.ts';
import { formatCompact, formatInt, formatNumber } from '../../format.ts';
import { RANK_BY_LABEL, TOP_SHARE_CREATORS } from '../../vocabulary.ts';
import { t, tOr, tp } from '../../i18n/index.ts';
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
      text: t('insight.concentration', { top: formatInt(TOP_SHARE_CREATORS), share: pct1(c.topShareOfViews), creators: formatInt(c.creatorsInScope) }),
      figures: { topCreators: TOP_SHARE_CREATORS, topShareOfViews: c.topShareOfViews, creatorsInScope: c.creatorsInScope },
    });
  }
  const m = c.mostConsistent;
  if (m && isNum(m.cv) && isNum(m.medianViews) && m.videos >= MIN_GROUP_VIDEOS) {
    out.push(insight(
      'creators',
      'consistent-creator',
      tp('insight.consistent', { creator: v(m.creator), cv: formatNumber(m.cv, 2), videos: formatInt(m.videos), median: formatCompact(m.medianViews) }),
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
    { kind: 'best-duration', key: 'bucket', what: 'durations' as const, noun: 'insight.best.duration' as const, ok: c.durationAvailable.available,
      groups: c.durationBuckets.map((b) => ({ label: b.bucket, videos: b.videos, median: b.medianViews })) },
    { kind: 'best-hashtag', key: 'hashtag', what: 'hashtags' as const, noun: 'insight.best.hashtag' as const, ok: c.hashtagsAvailable.available,
      groups: c.hashtags.map((h) => ({ label: h.hashtag, videos: h.videos, median: h.medianViews })) },
    { kind: 'best-category', key: 'category', what: 'categories' as const, noun: 'insight.best.category' as const, ok: c.categoriesAvailable.available,
      groups: c.categories.map((h) => ({ label: h.category, videos: h.videos, median: h.medianViews })) },
  ];
  for (const part of parts) {
    if (!part.ok) continue;
    const p = extremes(part.groups, overall).best;
    if (!p) continue;
    const subject = tp(part.noun, { among: among(p, part.what), label: v(p.group.label) });
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
      return sentence`${joinValues(shown)}${more > 0 ? t('insight.movement.more', { n: formatInt(more) }) : ''}`;
    };
    const board = t('insight.movement.board', { top: formatInt(topN), by: tOr(`rankBy.${c.rankBy}.short`, RANK_BY_LABEL[c.rankBy]?.short ?? c.rankBy) });
    const plural = (n: number) => t('insight.movement.creators', { count: n, n: formatInt(n) });
    let text: Parts;
    if (mv.entered.length > 0 && mv.left.length > 0) {
      figures.entered = mv.entered.length;
      figures.left = mv.left.length;
      text = tp('insight.movement.both', { count: mv.entered.length, entered: plural(mv.entered.length), board, enteredNames: names(mv.entered, 'entered'), left: formatInt(mv.left.length), leftNames: names(mv.left, 'left') });
    } else if (mv.entered.length > 0) {
      figures.entered = mv.entered.length;
      text = tp('insight.movement.entered', { count: mv.entered.length, entered: plural(mv.entered.length), board, names: names(mv.entered, 'entered') });
    } else {
      figures.left = mv.left.length;
      text = tp('insight.movement.left', { count: mv.left.length, left: plural(mv.left.length), board, names: names(mv.left, 'left') });
    }
    out.push(insight('creators', 'leaderboard-movement', text, figures));
  }
  return out;
}
