// The creators section ("Creators & content"): its place in the report, its part of the model, its charts, its view and its insights.
import { computeCreators } from './compute.ts';
import { computeContent } from './content.ts';
import { creatorsCharts } from './charts.ts';
import { creatorsView } from './view.ts';
import { content, creatorInsights, leaderboardMovement } from './insights.ts';
import { defineSection } from '../section.ts';

export const creators = defineSection({
  id: 'creators',
  title: 'Creators & content',
  lead: 'Who carries performance, and which formats and topics travel.',
  keys: ['creators', 'content'],
  compute: (ctx) => ({ creators: computeCreators(ctx), content: computeContent(ctx) }),
  // the leaderboard and the content mix each show their own reason when unavailable
  // who entered and who left the top list since the previous period
  previousPeriod: ({ creators }, previous) => {
    if (!creators.available) return;
    const before = new Set(computeCreators(previous.ctx).top.map((c) => c.creator));
    const now = new Set(creators.top.map((c) => c.creator));
    creators.movement = {
      entered: creators.top.filter((c) => !before.has(c.creator)).map((c) => c.creator),
      left: [...before].filter((c) => !now.has(c)),
    };
  },
  display: ({ creators: c, content }, { name }) => ({
    creators: {
      ...c,
      top: c.top.map((r) => ({ ...r, creator: name(r.creator) })),
      leaderboards: c.leaderboards.map((b) => ({ ...b, top: b.top.map((r) => ({ ...r, creator: name(r.creator) })) })),
      mostConsistent: c.mostConsistent && { ...c.mostConsistent, creator: name(c.mostConsistent.creator) },
      movement: c.movement && { entered: c.movement.entered.map(name), left: c.movement.left.map(name) },
    },
    content: {
      ...content,
      categories: content.categories.map((r) => ({ ...r, category: name(r.category) })),
      hashtags: content.hashtags.map((r) => ({ ...r, hashtag: name(r.hashtag) })),
    },
  }),
  availability: () => ({ available: true, reason: null }),
  charts: (r, theme) => creatorsCharts(r, theme),
  view: (r, figures, model) => creatorsView({ ...r, columns: model.columns }, figures),
  insights: (model) => [...creatorInsights(model), ...content(model)],
  comparisonInsights: (model) => leaderboardMovement(model),
});
