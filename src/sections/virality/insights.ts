// The virality lab's finding: videos with High viral potential and the candidates at the threshold.
import type { Insight, ReportModel } from '../../types.ts';
import { formatInt, formatNumber } from '../../format.ts';
import { t } from '../../i18n/index.ts';
import { isNum, pct1 } from '../../findings.ts';

/** viral-potential: videos with High viral potential and, when virality has a threshold, the candidates passing it. */
export function viralPotential(model: ReportModel): Insight[] {
  const high = model.overview.viralPotential.find((v) => v.label === 'High');
  if (!high || !isNum(high.share) || !(model.overview.videos > 0)) return [];
  const figures: Insight['figures'] = { highVideos: high.videos, highShare: high.share };
  let text = t('insight.potential', { count: high.videos, videos: formatInt(high.videos), share: pct1(high.share) });
  const v = model.virality;
  if (v.available && isNum(v.threshold) && isNum(v.candidateShare)) {
    Object.assign(figures, { candidates: v.candidates, candidateShare: v.candidateShare, threshold: v.threshold });
    text += t('insight.potential.candidates', { candidates: formatInt(v.candidates), share: pct1(v.candidateShare), threshold: formatNumber(v.threshold, 2) });
  }
  return [{ section: 'virality', kind: 'viral-potential', text: t('insight.end', { text }), figures }];
}
