// The one shape every report section has: its place in the report (id, title, lead), what it
// adds to the model (compute, pure), its charts, its view for the template
// templates/sections/<id>.hbs and its insights. The registry (registry.ts) lists the sections in
// report order; model.ts, the HTML, the layout and the print gate all loop over it.
import type { Availability, Comparison, Insight, PeriodInfo, ReportModel } from '../types.ts';
import type { ChartSpec } from '../charts/specs.ts';
import type { ChartTheme } from '../charts/theme.ts';
import type { SectionContext } from './context.ts';
import type { Display } from '../output/display.ts';

/** The ReportModel keys a section can fill (metrics.json keeps them as its own top-level keys). */
export type SectionKey = 'overview' | 'growth' | 'creators' | 'content' | 'virality' | 'segments' | 'explorer' | 'momentum';

/** A section's part of the model: the keys it fills, nothing else. */
export type SectionResult<K extends SectionKey> = Pick<ReportModel, K>;

/**
 * A section's charts as it arranges them (a chart, null for one it leaves out, lists and records
 * of them): its view receives the same shape with each chart rendered, so a view reaches its
 * charts by reference and a chart it does not place is a type error or a registry test failure.
 * The report draws them in the order the shape lists them.
 */
export type ChartTree = ChartSpec | null | readonly ChartTree[] | { readonly [key: string]: ChartTree };

/** A chart as the templates show it (templates/partials/figure.hbs). */
export interface FigureView {
  id: string;
  title: string;
  caption: string;
  size: 'half' | 'full';
  svg: string;
  printSvg: string | null;
  empty: boolean;
}

/** The chart tree F with every chart rendered. */
export type Figures<F> = F extends ChartSpec
  ? FigureView
  : F extends null
    ? null
    : F extends readonly (infer U)[]
      ? Figures<U>[]
      : { [K in keyof F]: Figures<F[K]> };

/** The period before the report's (with `compare: previous`): its rows in scope and its dates. */
export interface PreviousPeriod {
  ctx: SectionContext;
  period: PeriodInfo;
}

/** What a view may know of the report beyond the model. */
export interface ViewOptions {
  /** relative name of the filtered rows file written beside the report, or null for no link */
  csvHref: string | null;
}

export interface Section<K extends SectionKey = SectionKey, F extends ChartTree = ChartTree> {
  /** the HTML id, the tab and the partial templates/sections/<id>.hbs */
  id: string;
  title: string;
  lead: string;
  /** the model keys compute() fills, in metrics.json's order */
  keys: readonly K[];
  /** the section's figures from the rows in scope; pure */
  compute(ctx: SectionContext): SectionResult<K>;
  /**
   * adds its comparison with the previous period to the model (sections run in registry order;
   * the model's insights are made after all of them)
   */
  previousPeriod?(model: ReportModel, previous: PreviousPeriod): void;
  /** its part of the model with every string from the data as the reader sees it (Display: cut, drawable) */
  display(r: SectionResult<K>, d: Display): SectionResult<K>;
  /** whether the section has anything to show, and if not why (the template shows the reason) */
  availability(r: SectionResult<K>, model: ReportModel): Availability;
  /** its charts, from the display model's figures; `off`: the ids of the sections left out (a figure another section shows is drawn once) */
  charts(r: SectionResult<K>, theme: ChartTheme, model: ReportModel, off?: readonly string[]): F;
  /** what its partial renders: the root of the report's view holds it under the section's id */
  view(r: SectionResult<K>, figures: Figures<F>, model: ReportModel, opts: ViewOptions): unknown;
  /**
   * true for a section with something to show when no video is in scope (Momentum: gains of older
   * videos; the explorer: data quality); the others show only the line that says why (empty.ts)
   */
  showsEmptyScope?: boolean;
  /** its plain-language findings, from the model's figures only (sorted with the others) */
  insights?(model: ReportModel): Insight[];
  /** its findings against the previous period (called only when both periods have enough videos) */
  comparisonInsights?(model: ReportModel, comparison: Comparison): Insight[];
}

/** Any section, as the registry lists them (each one's own types are checked where it is defined). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnySection = Section<any, any>;

/** A section as written in its folder: the type checks that its parts agree on its keys and charts. */
export function defineSection<K extends SectionKey, F extends ChartTree>(section: Section<K, F>): Section<K, F> {
  return section;
}

/** The section's part of a model. */
export function resultOf<K extends SectionKey>(section: Section<K, ChartTree>, model: ReportModel): SectionResult<K> {
  return Object.fromEntries(section.keys.map((k) => [k, model[k]])) as SectionResult<K>;
}

const isChart = (node: ChartTree): node is ChartSpec =>
  node !== null && !Array.isArray(node) && typeof (node as ChartSpec).id === 'string' && 'spec' in node;

/** The charts of a tree in drawing order (depth first, in the order the tree lists them). */
export function chartsOf(tree: ChartTree): ChartSpec[] {
  if (tree === null) return [];
  if (isChart(tree)) return [tree];
  return (Array.isArray(tree) ? tree : Object.values(tree)).flatMap((node: ChartTree) => chartsOf(node));
}

/** The tree with each chart replaced by what `figure` makes of it. */
export function mapCharts<F extends ChartTree>(tree: F, figure: (chart: ChartSpec) => FigureView): Figures<F> {
  const walk = (node: ChartTree): unknown => {
    if (node === null) return null;
    if (isChart(node)) return figure(node);
    if (Array.isArray(node)) return node.map(walk);
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, walk(v as ChartTree)]));
  };
  return walk(tree) as Figures<F>;
}
