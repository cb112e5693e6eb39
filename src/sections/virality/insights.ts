// The virality lab's finding: videos with High viral potential and the candidates at the threshold.
import type { Insight, ReportModel } from '../../types.ts';
import { formatInt, formatNumber } from '../../format.ts';
import { isNum, pct1 } from '../../findings.ts';

/** viral-potential: videos with High viral potential and, when virality has a threshold, the candidates passing it. */
export function viralPotential(model: ReportModel): Insight[] {
  const high = model.overview.viralPotential.find((v) => v.label === 'High');
  if (!high || !isNum(high.share) || !(model.overview.videos > 0)) return [];
  const figures: Insight['figures'] = { highVideos: high.videos, highShare: high.share };
  let text = `${formatInt(high.videos)} videos (${pct1(high.share)}) have High viral potential`;
  const v = model.virality;
  if (v.available && isNum(v.threshold) && isNum(v.candidateShare)) {
    Object.assign(figures, { candidates: v.candidates, candidateShare: v.candidateShare, threshold: v.threshold });
    text += `; ${formatInt(v.candidates)} (${pct1(v.candidateShare)}) score at or above the virality threshold of ${formatNumber(v.threshold, 2)}`;
  }
  return [{ section: 'virality', kind: 'viral-potential', text: text + '.', figures }];
}
