// The building blocks of every chart spec (each section's charts.ts builds its own charts from
// them): built from the already-aggregated ReportModel (never from rows, so no chart grows with
// the input). Data only ever reaches a spec as inline
// `values`: filtering, sorting and labels are done here in TypeScript, never as expressions
// built from data, and no field is mapped to an href or an image url. Data labels arrive cut for
// display (src/output/display.ts) and are isolated inside descriptions.
import type { TopLevelSpec } from 'vega-lite';
import { formatCompact, formatKind, type ValueKind } from '../format.ts';
import { SIZE, vegaLiteConfig, type ChartTheme } from './theme.ts';
import { compactLabelExpr, vegaLocale } from './locale.ts';

export interface ChartSpec {
  id: string; // stable, unique in a report: used for SVG ids and anchors
  title: string;
  /** the sentence under the chart in the report */
  caption: string;
  description: string; // read by screen readers (aria-label) and shown nowhere else
  size: 'half' | 'full';
  spec: TopLevelSpec;
}

export type Row = Record<string, string | number | boolean | null>;
export type Json = Record<string, unknown>;

// ---------------------------------------------------------------------------
// Shared pieces

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/** A count axis's compact labels ("1.2M", "1,2 Mio."), in the report's language (charts/locale.ts). */
export const compactLabel = (): string => compactLabelExpr();

/** An axis of counts (videos, views): compact labels on whole-number ticks only. */
export const countAxis = () => ({ labelExpr: compactLabelExpr(), tickMinStep: 1 }) as const;

/** A category y axis titles its label column like a table header: right-aligned above it. */
export const BAND_Y_TITLE = { titleAlign: 'right', titleX: -6 } as const;

/** Axis number format for a kind of value (a quantitative axis). */
export function axisFormat(kind: ValueKind): Json {
  switch (kind) {
    case 'rate':
      return { format: '.1~%' };
    case 'score':
      return { format: '.1~f' };
    case 'seconds':
      return { format: '~s' };
    default:
      return countAxis();
  }
}

/** The theme's config with the report's number and time locale (none in English: Vega's default). */
function withLocale<C extends object>(config: C): C {
  const locale = vegaLocale();
  return locale ? { ...config, locale } : config;
}

export function base(t: ChartTheme, size: 'half' | 'full', title: string, description: string, subtitle?: string): Json {
  const { width, height } = SIZE[size];
  return {
    $schema: SCHEMA,
    title: subtitle ? { text: title, subtitle } : { text: title },
    description,
    width,
    height,
    config: withLocale(vegaLiteConfig(t)),
  };
}

export const finite = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

/** Powers of ten covering [lo, hi], for readable log axes (1K, 10K, 100K ...). */
export function decades(lo: number, hi: number): number[] {
  const out: number[] = [];
  if (!(lo > 0) || !(hi > 0)) return out;
  for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) out.push(10 ** e);
  return out;
}

/** Extremes of a list of figures, ignoring missing ones. */
export function extent(values: (number | null | undefined)[]): [number, number] | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (!finite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo <= hi ? [lo, hi] : null;
}

// Every bar chart here draws one bar per category, so its quantitative channel has `stack: null`:
// Vega-Lite stacks bars by default, and a stack with rounded ends (the theme's cornerRadiusEnd)
// is drawn as a group per bar, clipped to the stack's outline. A plain bar with rounded ends
// draws the same; the SVG had ~230 nested groups and clip paths fewer for a report, which vega
// renders and Chromium prints faster.

/**
 * Labels that are one band each: two long names cut for display to the same text would share a
 * band on a nominal axis, so a repeated label gets " (2)", " (3)", ...
 */
export function distinctLabels(labels: string[]): string[] {
  const taken = new Set<string>();
  return labels.map((label) => {
    let out = label;
    for (let k = 2; taken.has(out); k++) out = `${label} (${k})`;
    taken.add(out);
    return out;
  });
}

/** Horizontal bars, one per row in the order given (already ranked by the model). */
export function horizontalBars(opts: {
  t: ChartTheme;
  title: string;
  subtitle?: string;
  description: string;
  rows: { label: string; value: number; videos: number }[];
  kind: ValueKind;
  valueTitle: string;
  categoryTitle: string;
  size?: 'half' | 'full';
}): TopLevelSpec {
  const { t, rows, kind } = opts;
  const size = opts.size ?? 'half';
  const labels = distinctLabels(rows.map((r) => r.label));
  const values: Row[] = rows.map((r, i) => ({ label: labels[i], value: r.value, videos: r.videos, rank: i, text: formatKind(r.value, kind) }));
  const height = Math.max(SIZE[size].height, 90 + Math.min(20, Math.max(values.length, 1)) * 22);
  return {
    ...base(t, size, opts.title, opts.description, opts.subtitle),
    height,
    data: { values },
    encoding: {
      y: {
        field: 'label',
        type: 'nominal',
        sort: { field: 'rank', order: 'ascending' },
        title: opts.categoryTitle,
        axis: { ...BAND_Y_TITLE, grid: false, labelLimit: SIZE.labelLimit },
      },
      x: {
        field: 'value',
        type: 'quantitative',
        stack: null,
        title: opts.valueTitle,
        axis: { ...axisFormat(kind), grid: true, domain: false, ticks: false, tickCount: 5 },
      },
    },
    layer: [
      { mark: { type: 'bar', color: t.accent, height: { band: 0.72 } } },
      {
        mark: { type: 'text', align: 'left', dx: 4, color: t.muted, fontSize: SIZE.fontSize - 2 },
        encoding: { text: { field: 'text' } },
      },
    ],
  } as unknown as TopLevelSpec;
}

/** Vertical bars over an ordered category axis (hours, weekdays, buckets). */
export function verticalBars(opts: {
  t: ChartTheme;
  title: string;
  subtitle?: string;
  description: string;
  rows: { label: string; value: number; videos: number }[];
  order: string[];
  kind: ValueKind;
  valueTitle: string;
  categoryTitle: string;
  labelAngle?: number;
  size?: 'half' | 'full';
  color?: string;
}): TopLevelSpec {
  const { t, kind } = opts;
  const values: Row[] = opts.rows.map((r) => ({
    label: r.label,
    value: r.value,
    videos: r.videos,
    desc: `${r.label}: ${formatKind(r.value, kind)} (${formatCompact(r.videos)} videos)`,
  }));
  return {
    ...base(t, opts.size ?? 'half', opts.title, opts.description, opts.subtitle),
    data: { values },
    mark: { type: 'bar', color: opts.color ?? t.accent, width: { band: 0.74 } },
    encoding: {
      x: {
        field: 'label',
        type: 'ordinal',
        sort: opts.order,
        title: opts.categoryTitle,
        axis: { labelAngle: opts.labelAngle ?? 0, labelOverlap: 'greedy' },
      },
      y: { field: 'value', type: 'quantitative', stack: null, title: opts.valueTitle, axis: { ...axisFormat(kind), tickCount: 5 } },
      description: { field: 'desc' },
    },
  } as unknown as TopLevelSpec;
}

/** True when a Vega-Lite spec (or one of its layers) carries at least one inline data row. */
export function hasDataValues(spec: unknown): boolean {
  if (!spec || typeof spec !== 'object') return false;
  const o = spec as { data?: { values?: unknown }; layer?: unknown[]; hconcat?: unknown[]; vconcat?: unknown[]; concat?: unknown[] };
  if (Array.isArray(o.data?.values) && o.data.values.length > 0) return true;
  return [o.layer, o.hconcat, o.vconcat, o.concat].some((list) => Array.isArray(list) && list.some(hasDataValues));
}
