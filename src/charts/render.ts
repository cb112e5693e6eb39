// Vega-Lite spec -> Vega -> SVG string, headless (renderer 'none') with a loader that refuses
// every load and every URL, so a chart can never reach the network or the file system.
// The SVG's ids are made unique per chart and its root gets the chart's description as
// aria-label, so many charts can sit in one HTML page.
import type * as vl from 'vega-lite';
import type * as vega from 'vega';
import { randomUUID } from 'node:crypto';
import { renderError } from '../errors.ts';

// Loaded on first use with a real dynamic import: vega is ESM-only with top-level await
// (vega-canvas), which a require()-based loader (uvu -r tsx) cannot take as a static import.
let libs: Promise<{ vl: typeof vl; vega: typeof vega }> | null = null;
function loadLibs() {
  libs ??= Promise.all([import('vega-lite'), import('vega')]).then(([vlm, vg]) => ({ vl: vlm, vega: vg }));
  return libs;
}

export interface RenderOptions {
  /** prefix for the ids inside the SVG (clip paths, gradients); keeps them unique in a page */
  idPrefix?: string;
  /** accessible name for the SVG root; defaults to the spec's `description` */
  label?: string;
}

/**
 * A loader that allows nothing: charts get their data inline and link to nothing. Vega logs a
 * failed load instead of throwing, so every refusal is also recorded and fails the render.
 */
function denyAllLoader(refused: string[]): vega.Loader {
  const refuse = (what: string) => async (uri: string): Promise<never> => {
    const msg = `chart data may not be loaded (${what} ${JSON.stringify(String(uri))})`;
    refused.push(msg);
    throw new Error(msg);
  };
  return { load: refuse('load'), sanitize: refuse('link'), http: refuse('fetch'), file: refuse('read') };
}

/** Vega-Lite's compile warnings (e.g. a log scale meeting 0) are not worth a console line. */
const quietLogger = {
  level(): number {
    return 0;
  },
  error(...args: readonly unknown[]): never {
    throw new Error(args.map(String).join(' '));
  },
  warn() {
    return this;
  },
  info() {
    return this;
  },
  debug() {
    return this;
  },
} as unknown as vega.LoggerInterface;

/** FNV-1a of a string, as 8 hex digits: a stable default id prefix for a spec. */
function hash(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

const escapeAttr = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/'/g, '&#39;');

/**
 * Vega numbers clip paths and gradients with process-wide counters: rename every id in
 * order of appearance under the chart's prefix, so output is unique in a page and the same
 * whatever the rendering order.
 */
function scopeIds(svg: string, prefix: string): string {
  const map = new Map<string, string>();
  // only inside tags: text content (data) never holds '<', and attribute values escape '"'
  const out = svg.replace(/(<[a-zA-Z][^<>]*?\s)id="([^"]+)"/g, (_m, before: string, id: string) => {
    const next = `${prefix}-${map.size + 1}`;
    map.set(id, next);
    return `${before}id="${next}"`;
  });
  if (map.size === 0) return out;
  return out.replace(/="url\(#([^)"]+)\)"|href="#([^"]+)"/g, (m, a?: string, b?: string) => {
    const to = map.get(a ?? b ?? '');
    if (!to) return m;
    return a !== undefined ? `="url(#${to})"` : `href="#${to}"`;
  });
}

/**
 * Vega-Lite's compile of a chart's shape, kept for the next chart of that shape: a batch draws
 * the same 22 charts for every report with other data and descriptions, and compiling was a
 * third of the charts' time (~65 of ~200 ms a report at 1M rows). The key is the spec with each
 * inline `values` array and the description replaced by placeholders (arrays that are equal get
 * the same placeholder, as Vega-Lite merges equal datasets); the compiled JSON gets the real
 * ones back. Compiling never reads the data, and a test compares cached and fresh compiles.
 */
const compiledShapes = new Map<string, string>();
const COMPILED_SHAPES_MAX = 256;
/** Unique to the process, so no text of a chart can pass for one. */
const PLACEHOLDER = `\u0000svreport-${randomUUID()}-`;
const PLACEHOLDER_JSON = JSON.stringify(PLACEHOLDER).slice(1, -1);
const FILL = new RegExp(`\\[\\{"${PLACEHOLDER_JSON.replace(/\\/g, '\\\\')}":(\\d+)\\}\\]|"${PLACEHOLDER_JSON.replace(/\\/g, '\\\\')}(\\d+)"`, 'g');

/** Shapes compiled and kept (tests). */
export const compiledShapeCount = (): number => compiledShapes.size;

/** vl.compile(spec).spec, from the cache when a chart of the same shape was compiled before. */
export function compileCached(lib: typeof vl, spec: vl.TopLevelSpec): vega.Spec {
  const fills: string[] = [];
  const slot = (json: string): number => {
    const at = fills.indexOf(json);
    return at !== -1 ? at : fills.push(json) - 1;
  };
  const shape = JSON.stringify(spec, (key, value) => {
    if (key === 'values' && Array.isArray(value)) return [{ [PLACEHOLDER]: slot(JSON.stringify(value)) }];
    if (key === 'description' && typeof value === 'string') return `${PLACEHOLDER}${slot(JSON.stringify(value))}`;
    return value;
  });
  let compiled = compiledShapes.get(shape);
  if (compiled === undefined) {
    compiled = JSON.stringify(lib.compile(JSON.parse(shape), { logger: quietLogger }).spec);
    if (compiledShapes.size >= COMPILED_SHAPES_MAX) compiledShapes.clear();
    compiledShapes.set(shape, compiled);
  }
  const filled = compiled.replace(FILL, (_m, data?: string, text?: string) => fills[Number(data ?? text)]);
  // a placeholder Vega-Lite moved somewhere unforeseen: compile this one as it is
  if (filled.includes(PLACEHOLDER_JSON)) return lib.compile(spec, { logger: quietLogger }).spec;
  return JSON.parse(filled) as vega.Spec;
}

/** Compile and render one chart to a standalone SVG string. */
export async function renderChartSvg(spec: vl.TopLevelSpec, opts: RenderOptions = {}): Promise<string> {
  const { vl, vega } = await loadLibs();
  let view: vega.View | null = null;
  try {
    const compiled = compileCached(vl, spec);
    const refused: string[] = [];
    view = new vega.View(vega.parse(compiled), { renderer: 'none', loader: denyAllLoader(refused), logLevel: 0 /* vega.None */ });
    let svg = await view.toSVG();
    if (refused.length) throw new Error(refused[0]);
    svg = scopeIds(svg, opts.idPrefix ?? `chart-${hash(JSON.stringify(spec))}`);
    const label = opts.label ?? (typeof spec.description === 'string' ? spec.description : '');
    // role=img with a label: one accessible name for the chart instead of hundreds of marks
    const rootAttrs = ` role="img" aria-label="${escapeAttr(label)}"`;
    svg = svg
      .replace(/^<svg /, `<svg${rootAttrs} `)
      .replace(/ xmlns:xlink="http:\/\/www\.w3\.org\/1999\/xlink"/, '')
      .replace(/ version="1\.1"/, '')
      // Vega names a mark container whose items carry no label a graphics-symbol, an image
      // role without alternative text (WCAG 1.1.1); the root's label already speaks for it
      .replaceAll(/ role="graphics-symbol" aria-roledescription="[a-z]+ mark container"/g, ' aria-hidden="true"');
    return svg;
  } catch (err) {
    const title = typeof spec.title === 'string' ? spec.title : (spec.title as { text?: unknown } | undefined)?.text;
    throw renderError(`Could not render the chart "${String(title ?? opts.idPrefix ?? 'untitled')}": ${(err as Error).message}`, err);
  } finally {
    view?.finalize();
  }
}

/**
 * True when the SVG draws at least one data mark: an element inside a `role-mark` group
 * (axes, titles and legends are other roles). An empty dataset leaves those groups empty.
 */
export function svgHasMarks(svg: string): boolean {
  // an empty mark group is self-closing (<g .../>); a filled one opens and holds elements
  const re = /<g class="mark-[a-z]+ role-mark[^"]*"[^>]*[^/>]>\s*<(path|rect|line|circle|text|g|image|polygon|ellipse)\b/g;
  for (const m of svg.matchAll(re)) {
    if (m[1] !== 'g') return true;
    // nested groups (group marks): look inside for a drawn element before the group closes
    const rest = svg.slice((m.index ?? 0) + m[0].length, (m.index ?? 0) + m[0].length + 2000);
    if (/<(path|rect|line|circle|text)\b/.test(rest.split('</g></g>')[0])) return true;
  }
  return false;
}

export interface RenderedChart {
  id: string;
  svg: string;
  hasMarks: boolean;
  ms: number;
}

/** Render many charts concurrently (each is independent); results keep the input order. */
export async function renderCharts(specs: { id: string; spec: vl.TopLevelSpec; description?: string }[]): Promise<RenderedChart[]> {
  return Promise.all(
    specs.map(async (s) => {
      const t0 = performance.now();
      const svg = await renderChartSvg(s.spec, { idPrefix: s.id, label: s.description });
      return { id: s.id, svg, hasMarks: svgHasMarks(svg), ms: performance.now() - t0 };
    }),
  );
}
