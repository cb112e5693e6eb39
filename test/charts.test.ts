import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { buildChartSpecs } from '../src/sections/charts.ts';
import { tierBoxPlot, viralPotentialBars } from '../src/sections/overview/charts.ts';
import { growthRateChart, growthValueChart, heatmap } from '../src/sections/growth/charts.ts';
import { leaderboard } from '../src/sections/creators/charts.ts';
import { viralityHistogram, viralityScatter } from '../src/sections/virality/charts.ts';
import { segmentBars } from '../src/sections/segments/charts.ts';
import { compileCached, compiledShapeCount, renderChartSvg, renderCharts, svgHasMarks } from '../src/charts/render.ts';
import { DARK, LIGHT, FONT_STACK, vegaLiteConfig } from '../src/charts/theme.ts';
import { sampleModel, XSS_CREATOR } from './fixtures/model.ts';
import type { TopLevelSpec } from 'vega-lite';

const model = sampleModel();

// ---
const build = suite('buildChartSpecs');
build('one spec per chart of the fixture, unique ids, every chart titled and described', () => {
  const specs = buildChartSpecs(model, LIGHT);
  const ids = specs.map((s) => s.id);
  assert.equal(new Set(ids).size, ids.length);
  for (const want of [
    'overview-tiers', 'overview-viral-potential', 'overview-tier-engagement', 'growth-views-value', 'growth-views-rate',
    'growth-engagement_rate-value', 'growth-engagement_rate-rate', 'growth-hour', 'growth-weekday', 'growth-heatmap',
    'creators-leaderboard', 'content-duration', 'content-categories', 'content-hashtags', 'virality-histogram',
    'virality-scatter', 'virality-platform', 'segment-1', 'segment-2', 'segment-3', 'segment-4',
  ]) assert.ok(ids.includes(want), want);
  for (const s of specs) {
    assert.ok(s.title.length > 0, s.id);
    assert.ok(s.description.length > 20, s.id);
    assert.is((s.spec as { description?: string }).description, s.description);
  }
});
build('data reaches specs only as inline values: no url, no href, no expression built from data', () => {
  const json = JSON.stringify(buildChartSpecs(model, LIGHT).map((s) => s.spec));
  assert.not.ok(/"url"\s*:/.test(json));
  assert.not.ok(/"href"\s*:/.test(json));
  // the hostile creator appears only as a data value, never inside a filter/calculate/labelExpr
  assert.not.ok(/"(filter|calculate|labelExpr|expr)"\s*:\s*"[^"]*svg onload/.test(json));
  assert.ok(json.includes(JSON.stringify(XSS_CREATOR).slice(1, -1)));
});
build('box plot is drawn from five-number summaries (rule + bar + tick), not the boxplot aggregate', () => {
  const spec = tierBoxPlot(model.overview.tiers, LIGHT).spec as unknown as { layer: { mark: { type: string } }[] };
  assert.equal(spec.layer.map((l) => l.mark.type), ['rule', 'bar', 'tick']);
  assert.not.ok(JSON.stringify(spec).includes('boxplot'));
});
build('segment bars keep the top 20 only', () => {
  const s = model.segments[1]; // 24 countries
  assert.ok(s.rows.length > 20);
  const spec = segmentBars(s, 1, LIGHT).spec as unknown as { data: { values: unknown[] } };
  assert.is(spec.data.values.length, 20);
});
build.run();

// ---
const cache = suite('compile cache');
cache('a chart compiled from the cache of its shape is exactly what Vega-Lite compiles for it', async () => {
  const vl = await import('vega-lite'); // ESM only (a dynamic import under uvu's require hook)
  // another report: the same charts over other figures (every number scaled, so every data
  // array and description differs), then the first again, then the dark theme (new shapes)
  const scaled = JSON.parse(JSON.stringify(model), (_k, v) => (typeof v === 'number' && Number.isFinite(v) && v > 1 ? Math.round(v * 1.7) : v));
  const before = compiledShapeCount();
  const hits: number[] = [];
  for (const [m, colours] of [[model, LIGHT], [scaled, LIGHT], [model, LIGHT], [model, DARK]] as const) {
    let n = 0;
    const specs = buildChartSpecs(m, colours);
    for (const s of specs) {
      const size = compiledShapeCount();
      const cached = compileCached(vl, s.spec);
      if (compiledShapeCount() === size) n++;
      assert.is(JSON.stringify(cached), JSON.stringify(vl.compile(s.spec).spec), s.id);
    }
    hits.push(n / specs.length);
  }
  assert.ok(hits[1] > 0.8, `the scaled model reuses most shapes (${hits[1]})`); // a chart's height follows its bar count
  assert.is(hits[2], 1, 'the repeat reuses every shape');
  assert.ok(hits[3] < 0.5, 'the dark theme makes new shapes');
  assert.ok(compiledShapeCount() > before);
});
cache.run();

// ---
const theme = suite('vegaLiteConfig');
theme('light and dark share the font stack, differ in colours', () => {
  const l = vegaLiteConfig(LIGHT);
  const d = vegaLiteConfig(DARK);
  assert.is(l.font, FONT_STACK);
  assert.is(d.font, FONT_STACK);
  assert.is.not(l.background, d.background);
});
theme.run();

// ---
const render = suite('renderChartSvg');
render('every chart of the fixture renders to SVG with data marks, light and dark', async () => {
  for (const t of [LIGHT, DARK]) {
    for (const c of buildChartSpecs(model, t)) {
      const svg = await renderChartSvg(c.spec, { idPrefix: c.id });
      assert.ok(svg.startsWith('<svg'), c.id);
      assert.ok(svgHasMarks(svg), `${c.id} (${t.name}) has marks`);
      assert.ok(svg.includes('role="img"'), c.id);
    }
  }
});
render('the description becomes the aria-label of the SVG root, escaped', async () => {
  const c = buildChartSpecs(model, LIGHT).find((s) => s.id === 'creators-leaderboard')!;
  const svg = await renderChartSvg(c.spec, { idPrefix: c.id });
  const label = svg.match(/^<svg role="img" aria-label="([^"]*)"/)?.[1] ?? '';
  assert.ok(label.startsWith('Horizontal bars of the top 15 creators'));
  assert.not.ok(label.includes('<'));
  // inside a role="img" root every mark is presentational: no per-mark labels (vega keeps its
  // caption of the title text, a constant)
  const labels = [...svg.matchAll(/aria-label="([^"]*)"/g)].map((m) => m[1]).slice(1);
  assert.equal(labels, ["Title text 'Top 15 creators by total views'"]);
});
render('bar charts draw one plain rect per bar: no group or clip path per bar (an unstacked bar keeps its rounded end)', async () => {
  const bars = buildChartSpecs(model, LIGHT).filter((s) => /leaderboard|categories|hashtags|rate$|hour$|weekday$|duration$|viral-potential|tier-engagement|segment-/.test(s.id));
  assert.ok(bars.length >= 10);
  for (const c of bars) {
    const svg = await renderChartSvg(c.spec, { idPrefix: c.id });
    assert.not.ok(svg.includes('role-scope'), `${c.id}: a group per bar`);
    assert.not.ok(svg.includes('clip-path='), `${c.id}: a clip path`);
    const rects = svg.match(/<g class="mark-rect role-mark[^>]*>([\s\S]*?)<\/g>/)?.[1] ?? '';
    const values = (c.spec as { data?: { values?: unknown[] } }).data?.values ?? [];
    assert.is(rects.match(/<path/g)?.length, values.length, `${c.id}: one rect per bar`);
  }
  // the theme rounds a bar's end: a path with arcs (C) where a square bar would have only lines
  const lb = await renderChartSvg(leaderboard(model, LIGHT).spec, { idPrefix: 'lb' });
  assert.match(lb.match(/<g class="mark-rect role-mark[^>]*>[\s\S]*?<path[^>]* d="([^"]*)"/)?.[1] ?? '', /C/);
});
render('data values are escaped inside the SVG: no injected element or handler', async () => {
  const svg = await renderChartSvg(leaderboard(model, LIGHT).spec, { idPrefix: 'lb' });
  assert.not.ok(svg.includes('<svg onload'));
  // with text content and every quoted attribute value blanked, no event-handler attribute is left
  // (text content first: data there is escaped, so it holds no '<')
  const tags = svg.replace(/>[^<]*</g, '><').replace(/"[^"]*"/g, '""');
  assert.not.ok(/\son[a-z]+=/i.test(tags));
  assert.ok(svg.includes('&gt;&lt;svg onload='), 'the name is in the axis label, escaped');
  assert.not.ok(/<script/i.test(svg));
  assert.not.ok(/\s(href|src|xlink:href)=/i.test(tags.replace(/href=""/g, '')));
});
render('refuses to load anything: a spec with a data url fails', async () => {
  const spec = { data: { url: 'file:///etc/passwd' }, mark: 'bar', encoding: { x: { field: 'a', type: 'nominal' } } } as TopLevelSpec;
  let failed = false;
  try {
    await renderChartSvg(spec);
  } catch (err) {
    failed = true;
    assert.match(String((err as Error).message), /may not be loaded/);
  }
  assert.ok(failed);
});
render('ids are scoped by prefix and stable across renders', async () => {
  const spec = viralityScatter(model.virality, LIGHT).spec;
  const a = await renderChartSvg(spec, { idPrefix: 'x' });
  const b = await renderChartSvg(spec, { idPrefix: 'x' });
  assert.is(a, b);
  for (const m of a.matchAll(/\bid="([^"]+)"/g)) assert.ok(m[1].startsWith('x-'), m[1]);
});
render.run();

// ---
const marks = suite('svgHasMarks');
marks('empty data draws axes but no marks', async () => {
  const empties = [
    tierBoxPlot([], LIGHT),
    viralPotentialBars([], LIGHT),
    growthValueChart({ ...model.growth.series[0], points: [], peak: null }, LIGHT),
    growthRateChart({ ...model.growth.series[0], points: [] }, LIGHT),
    heatmap({ ...model.growth, heatmap: [] }, 'UTC', LIGHT),
    viralityHistogram({ ...model.virality, histogram: [] }, LIGHT),
    viralityScatter({ ...model.virality, scatter: { kind: 'points', points: [] } }, LIGHT),
    viralityScatter({ ...model.virality, scatter: { kind: 'density', bins: [] } }, LIGHT),
    segmentBars({ ...model.segments[0], rows: [] }, 0, LIGHT),
  ];
  for (const c of empties) {
    const svg = await renderChartSvg(c.spec, { idPrefix: c.id });
    assert.not.ok(svgHasMarks(svg), `${c.id} should be empty`);
  }
});
marks('density scatter with bins has marks', async () => {
  const v = { ...model.virality, scatter: { kind: 'density' as const, bins: [{ logViews0: 3, logViews1: 3.5, rate0: 0.02, rate1: 0.04, count: 120 }, { logViews0: 4, logViews1: 4.5, rate0: 0.04, rate1: 0.06, count: 3 }] } };
  assert.ok(svgHasMarks(await renderChartSvg(viralityScatter(v, LIGHT).spec, { idPrefix: 'd' })));
});
marks('strings without mark groups are empty', () => {
  assert.not.ok(svgHasMarks('<svg></svg>'));
  assert.not.ok(svgHasMarks('<svg><g class="mark-rect role-mark marks"></g></svg>'));
  assert.ok(svgHasMarks('<svg><g class="mark-rect role-mark marks" role="graphics-object"><path d="M0,0"/></g></svg>'));
});
marks.run();

// ---
const many = suite('renderCharts');
many('renders a whole report concurrently, in input order', async () => {
  const specs = buildChartSpecs(model, LIGHT);
  const t0 = performance.now();
  const out = await renderCharts(specs);
  const ms = performance.now() - t0;
  assert.equal(out.map((o) => o.id), specs.map((s) => s.id));
  assert.ok(out.every((o) => o.hasMarks));
  // informational only (timing is measured by the benchmark, not asserted)
  if (process.env.SVREPORT_TIMING) console.log(`  ${specs.length} charts in ${ms.toFixed(0)} ms`);
});
many.run();
