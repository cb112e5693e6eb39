// Growth's findings: the best and weakest publish hour and weekday by median views.
import type { Insight, ReportModel } from '../../types.ts';
import { extremes, insight, liftFigures, liftText, among, isNum, MIN_SCOPE_VIDEOS, pad2 } from '../../findings.ts';
import { tp } from '../../i18n/index.ts';
import { weekdayLabel } from '../../vocabulary.ts';

/** best-hour, worst-hour, best-weekday, worst-weekday by median views. */
export function timing(model: ReportModel): Insight[] {
  const overall = model.overview.medianViews;
  if (model.overview.videos < MIN_SCOPE_VIDEOS || !isNum(overall)) return [];
  const g = model.growth;
  const out: Insight[] = [];
  const zone = g.hourSource === 'timestamp' ? model.timezone : null;
  const hourLabel = (h: number) => `${pad2(h)}:00–${pad2(h)}:59`;
  const hours = extremes(g.byHour.map((h) => ({ label: hourLabel(h.hour), videos: h.videos, median: h.medianViews })), overall);
  for (const [kind, word, p] of [['best-hour', 'best', hours.best], ['worst-hour', 'weakest', hours.worst]] as const) {
    if (!p) continue;
    const hour = g.byHour.find((h) => hourLabel(h.hour) === p.group.label)!.hour;
    const figures: Insight['figures'] = { hour, ...liftFigures('hourLabel', p, overall) };
    if (zone) figures.timezone = zone;
    const subject = tp(`insight.hour.${word}`, { among: among(p, 'hours'), hour: p.group.label, zone: zone ? ` (${zone})` : '' });
    out.push(insight('growth', kind, liftText(subject, p, overall), figures));
  }
  const days = extremes(g.byWeekday.map((d) => ({ label: d.weekday, videos: d.videos, median: d.medianViews })), overall);
  for (const [kind, word, p] of [['best-weekday', 'best', days.best], ['worst-weekday', 'weakest', days.worst]] as const) {
    if (!p) continue;
    const subject = tp(`insight.day.${word}`, { among: among(p, 'days'), day: weekdayLabel(p.group.label) });
    out.push(insight('growth', kind, liftText(subject, p, overall), liftFigures('weekday', p, overall)));
  }
  return out;
}
