// The explorer section ("Data explorer"): its place in the report, its part of the model, its charts, its view and its insights.
import { computeExplorer } from './compute.ts';
import { explorerView } from './view.ts';
import { rowsDropped } from './insights.ts';
import { defineSection } from '../section.ts';

export const explorer = defineSection({
  id: 'explorer',
  title: 'Data explorer',
  lead: 'The data under the report: preview, summaries and data quality.',
  keys: ['explorer'],
  showsEmptyScope: true,
  compute: (ctx) => ({ explorer: computeExplorer(ctx) }),
  display: ({ explorer: e }, { name, text }) => ({
    explorer: {
      ...e,
      preview: { columns: e.preview.columns.map(name), rows: e.preview.rows.map((row) => row.map((cell) => (typeof cell === 'string' ? text(cell) : cell))) },
      columnInfo: e.columnInfo.map((ci) => ({ ...ci, name: name(ci.name) })),
      dataQuality: {
        ...e.dataQuality,
        mapping: e.dataQuality.mapping.map((m) => ({
          ...m,
          column: name(m.column),
          // the phrase is shown beside the header: drawable the same way (`lượt xem`)
          ...(m.why && 'phrase' in m.why ? { why: { ...m.why, phrase: name(m.why.phrase) } } : {}),
        })),
        undrawable: {
          ...e.dataQuality.undrawable,
          examples: e.dataQuality.undrawable.examples.map((x) => ({ ...x, column: name(x.column), text: name(x.text) })),
        },
      },
    },
  }),
  availability: () => ({ available: true, reason: null }),
  charts: () => ({}),
  view: (_r, _figures, model, opts) => explorerView(model, opts),
  insights: (model) => rowsDropped(model),
});
