// The overview's findings: the view cut-offs of the top tiers and, against the previous period,
// the headline KPIs that moved most.
import type { Comparison, Insight, ReportModel } from '../../types.ts';
import { formatCompact, formatDuration, formatInt, formatPct } from '../../format.ts';
import { t, type MessageKey } from '../../i18n/index.ts';
import { isNum, LIFT_EPSILON, MAX_KPI_MOVERS, MIN_KPI_CHANGE, MIN_TIER_VIDEOS, pct1 } from '../../findings.ts';

/** tier-thresholds: the view cut-offs of the top tiers (views > q95: Top 5% + Top 1% tiers; views > q99: Top 1%). */
export function tierThresholds(model: ReportModel): Insight[] {
  const ov = model.overview;
  const t5 = ov.tiers.find((t) => t.tier === 'Top 5%');
  const t1 = ov.tiers.find((t) => t.tier === 'Top 1%');
  if (!t5 || !t1 || !(ov.videos > 0)) return [];
  // the Top 5% tier sits strictly below the Top 1% tier, so the union's minimum is the Top 5% tier's (when it has videos)
  const topVideos = t5.videos + t1.videos;
  const topMin = t5.videos > 0 ? t5.minViews : t1.minViews;
  if (topVideos < MIN_TIER_VIDEOS || !isNum(topMin)) return [];
  const topShare = topVideos / ov.videos;
  const figures: Insight['figures'] = { topVideos, topShare, topMinViews: topMin };
  let text = t('insight.tiers', { videos: formatInt(topVideos), share: pct1(topShare), min: formatInt(topMin) });
  if (t1.videos >= MIN_TIER_VIDEOS && isNum(t1.minViews) && t5.videos > 0) {
    const top1Share = t1.videos / ov.videos;
    Object.assign(figures, { top1Videos: t1.videos, top1Share, top1MinViews: t1.minViews });
    text += t('insight.tiers.top1', { videos: formatInt(t1.videos), share: pct1(top1Share), min: formatInt(t1.minViews) });
  }
  return [{ section: 'overview', kind: 'tier-thresholds', text: t('insight.end', { text }), figures }];
}

/**
 * Headline KPIs considered as movers, with their sentence label and formatter. highViralPotentialShare
 * is left out: it is cut at a quantile of each period's own scores, so it stays near 10% by design.
 */
export const KPI_MOVERS: readonly { key: string; label: string; format: (v: number) => string }[] = [
  { key: 'videos', label: 'The number of videos', format: formatInt },
  { key: 'totalViews', label: 'Total views', format: formatCompact },
  { key: 'averageViews', label: 'Average views', format: formatCompact },
  { key: 'medianViews', label: 'Median views', format: formatCompact },
  { key: 'p90Views', label: 'P90 views', format: formatCompact },
  { key: 'medianEngagementRate', label: 'Median engagement rate', format: (v) => formatPct(v, 2) },
  { key: 'p90EngagementRate', label: 'P90 engagement rate', format: (v) => formatPct(v, 2) },
  { key: 'medianDurationSec', label: 'Median duration', format: formatDuration },
];

/**
 * kpi-mover: up to MAX_KPI_MOVERS headline KPIs whose relative change is at least MIN_KPI_CHANGE,
 * biggest |change| first (ties in KPI_MOVERS order).
 */
export function kpiMovers(model: ReportModel, cmp: Comparison): Insight[] {
  const movers: { at: number; insight: Insight; change: number }[] = [];
  KPI_MOVERS.forEach((k, at) => {
    const change = cmp.changes[k.key]?.percent;
    const current = (model.overview as unknown as Record<string, number | null>)[k.key];
    const previous = (cmp.overview as unknown as Record<string, number | null>)[k.key];
    if (!isNum(change) || !isNum(current) || !isNum(previous)) return;
    if (Math.abs(change) < MIN_KPI_CHANGE - LIFT_EPSILON) return;
    const text = t(change > 0 ? 'insight.kpi.rose' : 'insight.kpi.fell', { label: t(`insight.kpi.${k.key}` as MessageKey), change: pct1(Math.abs(change)), from: k.format(previous), to: k.format(current) });
    movers.push({ at, change, insight: { section: 'overview', kind: 'kpi-mover', text, figures: { kpi: k.key, label: k.label, change, previous, current } } });
  });
  movers.sort((a, b) => Math.abs(b.change) - Math.abs(a.change) || a.at - b.at);
  return movers.slice(0, MAX_KPI_MOVERS).map((m) => m.insight);

}
