// What templates/sections/creators.hbs renders: the leaderboard with its top 5 and KPIs, the
// movement against the previous period, and the content mix charts.
import type { ReportModel } from '../../types.ts';
import * as fmt from '../../format.ts';
import { t } from '../../i18n/index.ts';
import type { KpiView } from '../../output/view.ts';
import { availabilityText, capitalise, metricKind, RANK_BY_LABEL, rankByLabel, reasonText } from '../../vocabulary.ts';
import type { Figures } from '../section.ts';
import type { creatorsCharts } from './charts.ts';

/** The column a rank figure counts (shares, comments, views): without it the leaderboard cannot be drawn, not "0". */
const RANK_COLUMN: Partial<Record<string, 'views' | 'shares' | 'comments'>> = { views: 'views', shares: 'shares', comments: 'comments' };

export function creatorsView(model: Pick<ReportModel, 'creators' | 'content'> & Partial<Pick<ReportModel, 'columns'>>, figures: Figures<ReturnType<typeof creatorsCharts>>) {
  const c = model.creators;
  // a rank-by the config would refuse reads as views
  const rankBy = RANK_BY_LABEL[c.rankBy] ? c.rankBy : 'views';
  const rank = { label: capitalise(rankByLabel(rankBy)), kind: metricKind(rankBy) };
  const top5 = c.top.slice(0, 5).map((r, i) => ({
    rank: i + 1,
    name: r.creator,
    videos: fmt.formatInt(r.videos),
    videoCount: r.videos,
    value: fmt.formatKind(r.value, rank.kind),
  }));
  const kpis: KpiView[] = [
    { label: t('creators.inScope'), value: fmt.formatInt(c.creatorsInScope) },
    { label: t('creators.top5Share'), value: fmt.formatPct(c.topShareOfViews, 1) },
  ];
  if (c.mostConsistent) {
    kpis.push({
      label: t('creators.mostConsistent'),
      value: c.mostConsistent.creator,
      sub: t('creators.mostConsistent.sub', { count: c.mostConsistent.videos, median: fmt.formatCompact(c.mostConsistent.medianViews), cv: fmt.formatNumber(c.mostConsistent.cv, 2) }),
    });
  }
  // ranked by a count the export has no column for: say so in the chart's place (SPEC 10: n/a, never an empty "Top 0")
  const column = RANK_COLUMN[rankBy];
  const rankAbsent = model.columns && column && model.columns[column] === undefined
    ? { title: rank.label, reason: t('reason.noColumn', { column }) }
    : null;
  return {
    available: c.available,
    reason: reasonText(c.reason),
    rankAbsent,
    rankLabel: rank.label,
    leaderboard: figures.leaderboard,
    top5,
    kpis,
    movement: c.movement && (c.movement.entered.length || c.movement.left.length) ? c.movement : null,
    content: [
      { available: availabilityText(model.content.durationAvailable), figure: figures.duration, title: t('chart.duration.title') },
      { available: availabilityText(model.content.categoriesAvailable), figure: figures.categories, title: t('creators.topCategories') },
      { available: availabilityText(model.content.hashtagsAvailable), figure: figures.hashtags, title: t('creators.topHashtags') },
    ],
  };
}
