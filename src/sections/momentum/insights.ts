// Momentum findings: what the videos in scope gained in the period (and how much of it came from
// the videos published in it), and the video that gained the most. Words from the catalogue
// (`insight.momentum.*`): metrics.json keeps the English, the report shows its own language.
import type { Insight, ReportModel } from '../../types.ts';
import { formatCompact, formatSignedPct, withDates } from '../../format.ts';
import { tp } from '../../i18n/index.ts';
import { insight, isNum, pct1, v, type Parts } from '../../findings.ts';

export function momentumInsights(model: ReportModel): Insight[] {
  const m = model.momentum;
  if (!m || !isNum(m.gained.views) || m.videos.withGain === 0) return [];
  const out: Insight[] = [];
  const total = m.gained.views;
  const byNew = m.gainedByNew.views ?? 0;
  const prev = m.previous?.gained.views;
  const change = isNum(prev) && prev > 0 ? total / prev - 1 : null;
  const figures: Insight['figures'] = { viewsGained: total, videos: m.videos.withGain, viewsGainedByNew: byNew, newVideos: m.videos.new };
  const newPart: Parts = m.videos.new > 0 && total > 0 ? tp('insight.momentum.byNew', { count: m.videos.new, views: formatCompact(byNew), share: pct1(byNew / total) }) : [];
  const prevPart: Parts = change !== null ? tp('insight.momentum.previous', { change: formatSignedPct(change, 1), previous: formatCompact(prev!) }) : [];
  if (change !== null) {
    figures.previousViewsGained = prev!;
    figures.change = change;
  }
  out.push(insight('momentum', 'momentum-gained', tp('insight.momentum.gained', { count: m.videos.withGain, views: formatCompact(total), period: withDates(m.label), previous: prevPart, byNew: newPart }), figures));
  const best = m.top[0];
  if (best && total > 0 && best.viewsGained > 0 && m.top.length > 1) {
    out.push(insight('momentum', 'momentum-top', tp('insight.momentum.top', { title: v(best.title ?? best.id), views: formatCompact(best.viewsGained), share: pct1(best.viewsGained / total) }), {
      id: best.id, title: best.title, viewsGained: best.viewsGained, share: best.viewsGained / total,
    }));
  }
  return out;
}
