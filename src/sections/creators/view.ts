// What templates/sections/creators.hbs renders: the leaderboard with its top 5 and KPIs, the
// movement against the previous period, and the content mix charts.
import type { ReportModel } from '../../types.ts';
import * as fmt from '../../format.ts';
import { formatKind, type Kind, type KpiView } from '../../output/view.ts';
import type { Figures } from '../section.ts';
import type { creatorsCharts } from './charts.ts';

function rankLabel(rankBy: string): { label: string; kind: Kind } {
  switch (rankBy) {
    case 'engagement_rate':
      return { label: 'Median engagement rate', kind: 'rate' };
    case 'virality_score':
      return { label: 'Median virality score', kind: 'score' };
    case 'shares':
      return { label: 'Total shares', kind: 'count' };
    case 'comments':
      return { label: 'Total comments', kind: 'count' };
    default:
      return { label: 'Total views', kind: 'count' };
  }
}

export function creatorsView(model: Pick<ReportModel, 'creators' | 'content'>, figures: Figures<ReturnType<typeof creatorsCharts>>) {
  const c = model.creators;
  const rank = rankLabel(c.rankBy);
  const top5 = c.top.slice(0, 5).map((r, i) => ({
    rank: i + 1,
    name: r.creator,
    videos: fmt.formatInt(r.videos),
    value: formatKind(r.value, rank.kind),
  }));
  const kpis: KpiView[] = [
    { label: 'Creators in scope', value: fmt.formatInt(c.creatorsInScope) },
    { label: 'Top 5 share of views', value: fmt.formatPct(c.topShareOfViews, 1) },
  ];
  if (c.mostConsistent) {
    kpis.push({
      label: 'Most consistent creator',
      value: c.mostConsistent.creator,
      sub: `${fmt.formatInt(c.mostConsistent.videos)} videos · median ${fmt.formatCompact(c.mostConsistent.medianViews)} views · CV ${fmt.formatNumber(c.mostConsistent.cv, 2)}`,
    });
  }
  return {
    available: c.available,
    reason: c.reason,
    rankLabel: rank.label,
    leaderboard: figures.leaderboard,
    top5,
    kpis,
    movement: c.movement && (c.movement.entered.length || c.movement.left.length) ? c.movement : null,
    content: [
      { available: model.content.durationAvailable, figure: figures.duration, title: 'Median views by duration' },
      { available: model.content.categoriesAvailable, figure: figures.categories, title: 'Top categories' },
      { available: model.content.hashtagsAvailable, figure: figures.hashtags, title: 'Top hashtags' },
    ],
  };
}
