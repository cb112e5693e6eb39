// What templates/sections/virality.hbs renders: the threshold KPIs, the charts and the table of
// top candidates.
import type { Virality } from '../../types.ts';
import * as fmt from '../../format.ts';
import { num, text, type KpiView, type TableView } from '../../output/view.ts';
import type { Figures } from '../section.ts';
import type { viralityCharts } from './charts.ts';

export function viralityView(v: Virality, figures: Figures<ReturnType<typeof viralityCharts>>) {
  const kpis: KpiView[] = [
    { label: 'Threshold', value: fmt.formatNumber(v.threshold, 2), sub: v.thresholdRule },
    { label: 'Viral candidates', value: fmt.formatInt(v.candidates), sub: 'videos at or above the threshold' },
    { label: 'Candidate share', value: fmt.formatPct(v.candidateShare, 1), sub: 'of videos in scope' },
  ];
  const candidates: TableView = {
    caption: `Top ${v.top.length} viral candidates by virality score`,
    columns: [
      { label: '#', num: true },
      { label: 'Title' },
      { label: 'Creator' },
      { label: 'Platform' },
      { label: 'Views', num: true },
      { label: 'Engagement rate', num: true },
      { label: 'Score', num: true },
      { label: 'Duration', num: true },
      { label: 'Outlier ×', num: true },
    ],
    rows: v.top.map((r, i) => [
      num(String(i + 1)),
      ((cell) => ({ ...cell, cls: cell.cls ? `cell-title ${cell.cls}` : 'cell-title' }))(text(r.title)),
      text(r.creator),
      text(r.platform),
      num(fmt.formatCompact(r.views), fmt.formatInt(r.views)),
      num(fmt.formatPct(r.engagementRate)),
      num(fmt.formatNumber(r.viralityScore, 2)),
      num(fmt.formatDuration(r.durationSec)),
      num(r.outlierMultiple === null ? fmt.MISSING : `${fmt.formatNumber(r.outlierMultiple, 1)}×`),
    ]),
  };
  return {
    kpis,
    figures: [figures.histogram, figures.scatter].filter(Boolean),
    platform: figures.platform,
    candidates,
  };
}
