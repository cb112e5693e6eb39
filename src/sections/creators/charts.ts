// Creators & content charts: the creator leaderboard, median views by duration, and the top
// categories and hashtags by median views.
import type { ReportModel } from '../../types.ts';
import { formatCompact, formatKind, isolate } from '../../format.ts';
import { capitalise, metricKind, rankByLabel } from '../../vocabulary.ts';
import { finite, horizontalBars, verticalBars, type ChartSpec } from '../../charts/specs.ts';
import type { ChartTheme } from '../../charts/theme.ts';
import { t as tr } from '../../i18n/index.ts';

export function leaderboard(model: Pick<ReportModel, 'creators'>, t: ChartTheme): ChartSpec {
  const c = model.creators;
  const kind = metricKind(c.rankBy);
  const rankLabel = rankByLabel(c.rankBy);
  const rows = c.top.filter((r) => finite(r.value)).map((r) => ({ label: r.creator, value: r.value as number, videos: r.videos }));
  const title = tr('creators.chart.title', { count: rows.length, by: rankLabel });
  const description = rows.length
    ? tr('desc.leaderboard', { n: String(rows.length), by: rankLabel }) +
      rows.slice(0, 5).map((r) => `${isolate(r.label)} ${formatKind(r.value, kind)}`).join(', ') + (rows.length > 5 ? ', …' : '.')
    : tr('desc.leaderboard.none');
  const unit = kind === 'rate' ? ' (%)' : kind === 'score' ? ` (${tr('unit.points')})` : ` (${tr('unit.count')})`;
  const spec = horizontalBars({
    t,
    title,
    description,
    rows,
    kind,
    valueTitle: `${capitalise(rankLabel)}${unit}`,
    categoryTitle: tr('col.creator'),
    size: 'full',
  });
  return { id: 'creators-leaderboard', caption: tr('creators.chart.caption'), title, description, size: 'full', spec };
}

export function durationBars(model: Pick<ReportModel, 'content'>, t: ChartTheme): ChartSpec {
  const rows = model.content.durationBuckets.filter((b) => finite(b.medianViews)).map((b) => ({ label: b.bucket, value: b.medianViews as number, videos: b.videos }));
  const description = rows.length
    ? tr('desc.duration', { list: rows.map((r) => tr('desc.valueVideos', { label: r.label, value: formatCompact(r.value), videos: formatCompact(r.videos) })).join(', ') })
    : tr('desc.duration.none');
  const spec = verticalBars({
    t,
    title: tr('chart.duration.title'),
    description,
    rows,
    order: rows.map((r) => r.label),
    kind: 'count',
    valueTitle: tr('axis.medianViewsPerVideo'),
    categoryTitle: tr('chart.duration.axis'),
  });
  return { id: 'content-duration', caption: tr('chart.duration.caption'), title: tr('chart.duration.title'), description, size: 'half', spec };
}

function groupBars(id: string, caption: string, title: string, what: 'categories' | 'hashtags', axis: string, rows: { label: string; value: number; videos: number }[], t: ChartTheme): ChartSpec {
  const description = rows.length
    ? tr(`desc.${what}`, { n: String(rows.length) }) + `${rows.slice(0, 5).map((r) => `${isolate(r.label)} ${formatCompact(r.value)}`).join(', ')}${rows.length > 5 ? ', …' : '.'}`
    : tr(`desc.${what}.none`);
  const spec = horizontalBars({ t, title, description, rows, kind: 'count', valueTitle: tr('axis.medianViewsPerVideo'), categoryTitle: axis });
  return { id, caption, title, description, size: 'half', spec };
}

export function categoryBars(model: Pick<ReportModel, 'content'>, t: ChartTheme): ChartSpec {
  const rows = model.content.categories.filter((c) => finite(c.medianViews)).map((c) => ({ label: c.category, value: c.medianViews as number, videos: c.videos }));
  return groupBars('content-categories', tr('chart.categories.caption'), tr('chart.categories.title'), 'categories', tr('chart.categories.axis'), rows, t);
}

export function hashtagBars(model: Pick<ReportModel, 'content'>, t: ChartTheme): ChartSpec {
  const rows = model.content.hashtags.filter((c) => finite(c.medianViews)).map((c) => ({ label: c.hashtag, value: c.medianViews as number, videos: c.videos }));
  return groupBars('content-hashtags', tr('chart.hashtags.caption'), tr('chart.hashtags.title'), 'hashtags', tr('chart.hashtags.axis'), rows, t);
}

/** Each chart of the section when its part is available. */
export function creatorsCharts(model: Pick<ReportModel, 'creators' | 'content'>, t: ChartTheme) {
  return {
    leaderboard: model.creators.available ? leaderboard(model, t) : null,
    duration: model.content.durationAvailable.available ? durationBars(model, t) : null,
    categories: model.content.categoriesAvailable.available ? categoryBars(model, t) : null,
    hashtags: model.content.hashtagsAvailable.available ? hashtagBars(model, t) : null,
  };
}
