// The momentum section ("Momentum", SPEC 6b): its place in the report, its part of the model, its charts, its view and its insights.
import { UNAVAILABLE, type ReportModel } from '../../types.ts';
import { computeMomentum, previousMomentum, momentumReasonText, type MomentumWhy } from './compute.ts';
import { momentumCharts } from './charts.ts';
import { momentumView } from './view.ts';
import { momentumInsights } from './insights.ts';
import { defineSection, type SectionResult } from '../section.ts';

/** Why there is no momentum, as figures (a symbol key, like UNAVAILABLE: not in metrics.json), said in the report's language. */
const WHY: unique symbol = Symbol('why momentum is null');
type WithWhy = { [WHY]?: MomentumWhy };

export const momentum = defineSection({
  id: 'momentum',
  title: 'Momentum',
  lead: 'What every video gained in the period, from the exports around it.',
  keys: ['momentum'],
  showsEmptyScope: true,
  compute: (ctx) => {
    const r = computeMomentum(ctx);
    const out: SectionResult<'momentum'> = { momentum: r.momentum };
    // metrics.json says null; the report says why in one line (a symbol key: not in the JSON)
    if (r.momentum === null) Object.assign(out, { [UNAVAILABLE]: { momentum: r.reason }, [WHY]: r.why });
    return out;
  },
  previousPeriod: (model, previous) => {
    const range = previous.ctx.period?.range;
    if (model.momentum && range) model.momentum.previous = previousMomentum(previous.ctx, range);
  },
  display: ({ momentum }, { name, text }) => ({
    momentum: momentum && {
      ...momentum,
      exports: momentum.exports.map((e) => ({ ...e, file: text(e.file) })),
      top: momentum.top.map((r) => ({
        ...r,
        id: text(r.id),
        title: r.title === null ? null : text(r.title),
        creator: r.creator === null ? null : name(r.creator),
        platform: r.platform === null ? null : name(r.platform),
      })),
      creators: momentum.creators.map((r) => ({ ...r, creator: name(r.creator) })),
      byPlatform: momentum.byPlatform.map((r) => ({ ...r, platform: name(r.platform) })),
    },
  }),
  availability: ({ momentum }, model: ReportModel) => ({
    available: momentum !== null,
    // the line in the report's language (availability runs while the report renders, in its locale)
    reason: momentum !== null ? null : momentumReasonText((model as WithWhy)[WHY] ?? { kind: 'noHistory', files: 1 }),
  }),
  charts: ({ momentum }, theme) => momentumCharts(momentum, theme),
  view: ({ momentum }, figures, model) => momentumView(momentum, figures, model.columns),
  insights: (model) => momentumInsights(model),
});
