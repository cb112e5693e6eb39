// What templates/sections/momentum.hbs renders: the gains as KPI cards (all videos, then those
// published in the period), the exports used, the top videos and creators, the platform chart.
import type { Momentum, MomentumGains, ReportModel } from '../../types.ts';
import * as fmt from '../../format.ts';
import { absent, changeView, num, text, type KpiView, type TableView } from '../../output/view.ts';
import type { Figures } from '../section.ts';
import { t, type MessageKey } from '../../i18n/index.ts';
import type { momentumCharts } from './charts.ts';

const signed = (v: number | null) => (v === null ? fmt.NOT_AVAILABLE : v < 0 ? fmt.formatSignedCompact(v) : fmt.formatCompact(v));

/** The four gains as cards; with the period before (compare: previous), each with its change. */
function gainCards(g: MomentumGains, sub: string, before: MomentumGains | null): KpiView[] {
  const card = (key: 'views' | 'likes' | 'comments' | 'shares'): KpiView => {
    const v = g[key];
    const b = before?.[key] ?? null;
    const absolute = v === null || b === null ? null : v - b;
    return {
      label: t(`momentum.gained.${key}`),
      value: signed(v),
      title: v === null ? undefined : fmt.formatInt(v),
      sub,
      change: before && v !== null ? changeView({ absolute, percent: absolute === null || !b ? null : absolute / Math.abs(b) }, 'count', signed(b)) : undefined,
    };
  };
  return [card('views'), card('likes'), card('comments'), card('shares')];
}

export function momentumView(m: Momentum | null, figures: Figures<ReturnType<typeof momentumCharts>>, columns: ReportModel['columns'] = {}) {
  if (!m) return null;
  // no creator or platform column in the exports: those cells read n/a, not a dash on every row
  const has = (concept: 'creator' | 'platform') => columns[concept] !== undefined;
  const exports: TableView = {
    caption: t('momentum.exports.caption'),
    columns: [{ label: t('momentum.col.file') }, { label: t('momentum.col.exportedAt') }, { label: t('momentum.col.usedAs') }],
    rows: m.exports.map((e) => [text(e.file), { text: fmt.formatDateTime(e.exportedAt, 'UTC') }, { text: t(e.role === 'start' ? 'momentum.role.start' : 'momentum.role.end') }]),
  };
  const top: TableView = {
    caption: t('momentum.top.caption', { n: m.top.length }),
    columns: [{ label: '#', num: true }, { label: t('col.title') }, { label: t('col.creator') }, { label: t('col.platform') }, { label: t('momentum.gained.views'), num: true }, { label: t('momentum.col.new') }],
    rows: m.top.map((r, i) => [
      num(String(i + 1)),
      ((cell) => ({ ...cell, cls: cell.cls ? `cell-title ${cell.cls}` : 'cell-title' }))(text(r.title ?? r.id)),
      has('creator') ? text(r.creator) : absent(),
      has('platform') ? text(r.platform) : absent(),
      num(signed(r.viewsGained), fmt.formatInt(r.viewsGained)),
      { text: t(r.new ? 'momentum.yes' : 'momentum.no') },
    ]),
  };
  const creators: TableView = {
    caption: t('momentum.creators.caption', { n: m.creators.length }),
    columns: [{ label: '#', num: true }, { label: t('col.creator') }, { label: t('col.videos'), num: true }, { label: t('momentum.gained.views'), num: true }],
    rows: m.creators.map((r, i) => [num(String(i + 1)), text(r.creator), num(fmt.formatInt(r.videos)), num(signed(r.viewsGained), fmt.formatInt(r.viewsGained))]),
  };
  const v = m.videos;
  const notes = [
    t('momentum.note.withGain', { count: v.withGain, new: v.new }),
    ...(v.withoutBaseline ? [t('momentum.note.withoutBaseline', { count: v.withoutBaseline })] : []),
    ...(['views', 'likes', 'comments', 'shares'] as const)
      .filter((k) => v.missing[k] > 0)
      .map((k) => t('momentum.note.missing', { count: v.missing[k], what: t(`metric.${k}.lower` as MessageKey) })),
  ];
  return {
    period: fmt.withDates(m.label),
    all: gainCards(m.gained, t('momentum.sub.all'), m.previous?.gained ?? null),
    byNew: gainCards(m.gainedByNew, t('momentum.sub.new'), m.previous?.gainedByNew ?? null),
    engagement: fmt.kpiFigure(m.gained.engagementRate, fmt.formatPct),
    notes,
    exports,
    top,
    creators,
    platforms: figures.platforms,
  };
}
