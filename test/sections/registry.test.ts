// The section registry is the one list the report loops over: every section has its partial,
// fills its own model keys (together metrics.json's section keys, in order), and the print gate
// counts the sections it lists.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { SECTIONS } from '../../src/sections/registry.ts';
import { checkPageCount } from '../../src/output/print.ts';
import { ReportError } from '../../src/errors.ts';
import { chartsOf, mapCharts, resultOf, type AnySection, type FigureView } from '../../src/sections/section.ts';
import { LIGHT } from '../../src/charts/theme.ts';
import type { ReportModel } from '../../src/types.ts';
import { sampleModel } from '../fixtures/model.ts';
import { computeInsights, sortInsights } from '../../src/insights.ts';

const TEMPLATES = resolve('templates/sections');

// ---
const registry = suite('SECTIONS');
registry('ids are unique, and each section has its partial templates/sections/<id>.hbs (and no partial is left over)', () => {
  const ids = SECTIONS.map((s) => s.id);
  assert.is(new Set(ids).size, ids.length);
  for (const id of ids) assert.ok(existsSync(resolve(TEMPLATES, `${id}.hbs`)), id);
  const partials = readdirSync(TEMPLATES).filter((f) => f.endsWith('.hbs')).map((f) => f.slice(0, -4)).sort();
  assert.equal(partials, [...ids].sort());
});
registry('the sections fill metrics.json section keys once each, in the golden file order', () => {
  const keys = SECTIONS.flatMap((s) => s.keys as string[]);
  const golden = Object.keys(JSON.parse(readFileSync(resolve('test/fixtures/golden/metrics.json'), 'utf8')));
  const between = golden.slice(golden.indexOf('period') + 1, golden.indexOf('insights'));
  // momentum (added later) is the model's last key, so the keys before it keep their order
  assert.equal(keys.filter((k) => k !== 'momentum'), between);
  assert.is(golden[golden.length - 1], 'momentum');
});
registry('the layout loops over the registry: no section named in it', () => {
  const layout = readFileSync(resolve('templates/layout.hbs'), 'utf8');
  for (const s of SECTIONS) assert.not.ok(layout.includes(s.id), s.id);
});

/** The charts a section draws for `model` that its view does not place (by reference, anywhere in the view). */
function unplacedCharts(section: AnySection, model: ReportModel): string[] {
  const r = resultOf(section, model);
  const tree = section.charts(r, LIGHT, model);
  const made = new Map<FigureView, string>();
  const figures = mapCharts(tree, (c) => {
    const f: FigureView = { id: c.id, title: c.title, caption: c.caption, size: c.size, svg: '', printSvg: null, empty: true };
    made.set(f, c.id);
    return f;
  });
  assert.is(made.size, chartsOf(tree).length);
  const seen = new Set<unknown>();
  const walk = (x: unknown): void => {
    if (x === null || typeof x !== 'object' || seen.has(x)) return;
    seen.add(x);
    for (const v of Object.values(x)) walk(v);
  };
  walk(section.view(r, figures as never, model, { csvHref: null }));
  return [...made].filter(([f]) => !seen.has(f)).map(([, id]) => id);
}

registry('every chart a section draws is placed by its view (the fixture draws every chart)', () => {
  const model = sampleModel();
  let charts = 0;
  for (const s of SECTIONS) {
    charts += chartsOf(s.charts(resultOf(s, model), LIGHT, model)).length;
    assert.equal(unplacedCharts(s, model), [], s.id);
  }
  assert.is(charts, 21, 'the fixture draws all 21 charts of charts.test.ts');
});
registry('a view that leaves a chart out is caught', () => {
  const model = sampleModel();
  const growth = SECTIONS.find((s) => s.charts(resultOf(s, model), LIGHT, model).heatmap)!;
  const broken: AnySection = { ...growth, view: (r, figures, m, o) => ({ ...(growth.view(r, figures, m, o) as object), heatmap: null }) };
  assert.equal(unplacedCharts(broken, model), ['growth-heatmap']);
});

registry('each section\'s insights carry its own id, and together they are computeInsights()', () => {
  const model = sampleModel();
  const made = SECTIONS.flatMap((s) => {
    const own = [...(s.insights?.(model) ?? []), ...(model.comparison && s.comparisonInsights ? s.comparisonInsights(model, model.comparison) : [])];
    for (const i of own) assert.is(i.section, s.id, i.kind);
    return own;
  });
  assert.ok(new Set(made.map((i) => i.section)).size >= 4, 'the fixture has findings in most sections');
  assert.equal(sortInsights(made), computeInsights(model));
});

// ---
const gate = suite('checkPageCount');
gate('a PDF needs a page per registered section', () => {
  checkPageCount('r', SECTIONS.length); // does not throw
  try {
    checkPageCount('r', SECTIONS.length - 1);
    assert.unreachable('fewer pages than sections must be refused');
  } catch (err) {
    assert.instance(err, ReportError);
    assert.is((err as Error).message, `Report "r": the PDF has ${SECTIONS.length - 1} page(s), fewer than its ${SECTIONS.length} sections.`);
  }
});

registry.run();
gate.run();
