// Momentum findings: what the videos in scope gained in the period (and how much of it came from
// the videos published in it), and the video that gained the most.
import type { Insight, ReportModel } from '../../types.ts';
import { formatCompact, formatInt, formatSignedPct, withDates } from '../../format.ts';
import { insight, isNum, pct1, sentence, v, type Parts } from '../../findings.ts';

export function momentumInsights(model: ReportModel): Insight[] {
  const m = model.momentum;
  if (!m || !isNum(m.gained.views) || m.videos.withGain === 0) return [];
  const out: Insight[] = [];
  const total = m.gained.views;
  const byNew = m.gainedByNew.views ?? 0;
  const prev = m.previous?.gained.views;
  const change = isNum(prev) && prev > 0 ? total / prev - 1 : null;
  const figures: Insight['figures'] = { viewsGained: total, videos: m.videos.withGain, viewsGainedByNew: byNew, newVideos: m.videos.new };
  const newPart: Parts = m.videos.new > 0 && total > 0
    ? sentence`; ${formatCompact(byNew)} (${pct1(byNew / total)}) came from the ${m.videos.new === 1 ? 'video' : `${formatInt(m.videos.new)} videos`} published in it`
    : [];
  const prevPart: Parts = change !== null ? sentence`, ${formatSignedPct(change, 1)} against the ${formatCompact(prev!)} of the period before` : [];
  if (change !== null) {
    figures.previousViewsGained = prev!;
    figures.change = change;
  }
  out.push(insight('momentum', 'momentum-gained', sentence`${formatInt(m.videos.withGain)} ${m.videos.withGain === 1 ? 'video' : 'videos'} gained ${formatCompact(total)} views in ${withDates(m.label)}${prevPart}${newPart}.`, figures));
  const best = m.top[0];
  if (best && total > 0 && best.viewsGained > 0 && m.top.length > 1) {
    out.push(insight('momentum', 'momentum-top', sentence`${v(best.title ?? best.id)} gained the most views: ${formatCompact(best.viewsGained)}, ${pct1(best.viewsGained / total)} of all views gained.`, {
      id: best.id, title: best.title, viewsGained: best.viewsGained, share: best.viewsGained / total,
    }));
  }
  return out;
}
