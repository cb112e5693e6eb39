// What templates/sections/momentum.hbs renders: the gains as KPI cards (all videos, then those
// published in the period), the exports used, the top videos and creators, the platform chart.
import type { Momentum, MomentumGains } from '../../types.ts';
import * as fmt from '../../format.ts';
import { changeView, num, text, type KpiView, type TableView } from '../../output/view.ts';
import type { Figures } from '../section.ts';
import type { momentumCharts } from './charts.ts';

const signed = (v: number | null) => (v === null ? fmt.NOT_AVAILABLE : v < 0 ? fmt.formatSignedCompact(v) : fmt.formatCompact(v));

/** The four gains as cards; with the period before (compare: previous), each with its change. */
function gainCards(g: MomentumGains, sub: string, before: MomentumGains | null): KpiView[] {
  const card = (label: string, key: 'views' | 'likes' | 'comments' | 'shares'): KpiView => {
    const v = g[key];
    const b = before?.[key] ?? null;
    const absolute = v === null || b === null ? null : v - b;
    return {
      label,
      value: signed(v),
      title: v === null ? undefined : fmt.formatInt(v),
      sub,
      change: before && v !== null ? changeView({ absolute, percent: absolute === null || !b ? null : absolute / Math.abs(b) }, 'count', signed(b)) : undefined,
    };
  };
  return [card('Views gained', 'views'), card('Likes gained', 'likes'), card('Comments gained', 'comments'), card('Shares gained', 'shares')];
}

export function momentumView(m: Momentum | null, figures: Figures<ReturnType<typeof momentumCharts>>) {
  if (!m) return null;
  const videos = (n: number) => `${fmt.formatInt(n)} video${n === 1 ? '' : 's'}`;
  const exports: TableView = {
    caption: 'Exports the gains come from',
    columns: [{ label: 'File' }, { label: 'Exported at' }, { label: 'Used as' }],
    rows: m.exports.map((e) => [text(e.file), { text: fmt.formatDateTime(e.exportedAt, 'UTC') }, { text: e.role === 'start' ? 'start of the period' : 'end of the period' }]),
  };
  const top: TableView = {
    caption: `Top ${m.top.length} videos by views gained`,
    columns: [{ label: '#', num: true }, { label: 'Title' }, { label: 'Creator' }, { label: 'Platform' }, { label: 'Views gained', num: true }, { label: 'Published in the period' }],
    rows: m.top.map((r, i) => [
      num(String(i + 1)),
      ((cell) => ({ ...cell, cls: cell.cls ? `cell-title ${cell.cls}` : 'cell-title' }))(text(r.title ?? r.id)),
      text(r.creator),
      text(r.platform),
      num(signed(r.viewsGained), fmt.formatInt(r.viewsGained)),
      { text: r.new ? 'yes' : 'no' },
    ]),
  };
  const creators: TableView = {
    caption: `Top ${m.creators.length} creators by views gained`,
    columns: [{ label: '#', num: true }, { label: 'Creator' }, { label: 'Videos', num: true }, { label: 'Views gained', num: true }],
    rows: m.creators.map((r, i) => [num(String(i + 1)), text(r.creator), num(fmt.formatInt(r.videos)), num(signed(r.viewsGained), fmt.formatInt(r.viewsGained))]),
  };
  const v = m.videos;
  const notes = [
    `${videos(v.withGain)} with a gain, ${fmt.formatInt(v.new)} of them published in the period (counted from 0).`,
    ...(v.withoutBaseline ? [`${videos(v.withoutBaseline)} published before the period ${v.withoutBaseline === 1 ? 'is' : 'are'} in no export by its start, so ${v.withoutBaseline === 1 ? 'it has' : 'they have'} no gain.`] : []),
    ...(['views', 'likes', 'comments', 'shares'] as const)
      .filter((k) => v.missing[k] > 0)
      .map((k) => `${videos(v.missing[k])} left out of the ${k} gained: the count is missing in one of ${v.missing[k] === 1 ? 'its' : 'their'} two exports.`),
  ];
  return {
    period: fmt.withDates(m.label),
    all: gainCards(m.gained, 'all videos', m.previous?.gained ?? null),
    byNew: gainCards(m.gainedByNew, 'videos published in the period', m.previous?.gainedByNew ?? null),
    engagement: fmt.kpiFigure(m.gained.engagementRate, fmt.formatPct),
    notes,
    exports,
    top,
    creators,
    platforms: figures.platforms,
  };
}
