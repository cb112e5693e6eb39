// What templates/sections/virality.hbs renders: the threshold KPIs, the charts and the table of
// top candidates.
import type { ReportModel, Virality } from '../../types.ts';
import * as fmt from '../../format.ts';
import { t } from '../../i18n/index.ts';
import { thresholdRuleText } from '../../vocabulary.ts';
import { absent, num, text, type KpiView, type TableView } from '../../output/view.ts';
import type { Figures } from '../section.ts';
import type { viralityCharts } from './charts.ts';

export function viralityView(v: Virality, figures: Figures<ReturnType<typeof viralityCharts>>, columns: ReportModel['columns'] = {}) {
  // a column whose concept the export lacks reads n/a; a dash is one value missing in a column that exists
  const has = (concept: keyof ReportModel['columns']) => columns[concept] !== undefined;
  const engaged = has('likes') || has('comments') || has('shares');
  const kpis: KpiView[] = [
    { label: t('virality.threshold'), value: fmt.formatNumber(v.threshold, 2), sub: thresholdRuleText(v.thresholdRule) },
    { label: t('virality.candidates'), value: fmt.formatInt(v.candidates), sub: t('virality.candidates.sub') },
    { label: t('virality.candidateShare'), value: fmt.formatPct(v.candidateShare, 1), sub: t('virality.candidateShare.sub') },
  ];
  const candidates: TableView = {
    caption: t('virality.table.caption', { count: v.top.length }),
    columns: [
      { label: '#', num: true },
      { label: t('col.title') },
      { label: t('col.creator') },
      { label: t('col.platform') },
      { label: t('col.views'), num: true },
      { label: t('col.engagementRate'), num: true },
      { label: t('col.score'), num: true },
      { label: t('col.duration'), num: true },
      { label: t('col.outlier'), num: true },
    ],
    rows: v.top.map((r, i) => [
      num(String(i + 1)),
      ((cell) => ({ ...cell, cls: cell.cls ? `cell-title ${cell.cls}` : 'cell-title' }))(text(r.title)),
      has('creator') ? text(r.creator) : absent(),
      has('platform') ? text(r.platform) : absent(),
      num(fmt.formatCompact(r.views), fmt.formatInt(r.views)),
      engaged ? num(fmt.formatPct(r.engagementRate)) : absent(true),
      num(fmt.formatNumber(r.viralityScore, 2)),
      has('duration') ? num(fmt.formatDuration(r.durationSec)) : absent(true),
      // the multiple is of the creator's median views: no creator column, no multiple
      !has('creator') ? absent(true) : num(r.outlierMultiple === null ? fmt.MISSING : `${fmt.formatNumber(r.outlierMultiple, 1)}×`),
    ]),
  };
  return {
    kpis,
    figures: [figures.histogram, figures.scatter].filter(Boolean),
    platform: figures.platform,
    candidates,
  };
}
