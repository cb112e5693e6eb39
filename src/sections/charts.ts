// All charts of a report in reading order: each registered section's chart tree, in registry
// order. The HTML draws them in this order; tests and tools list them from here.
import type { ReportModel } from '../types.ts';
import type { ChartSpec } from '../charts/specs.ts';
import type { ChartTheme } from '../charts/theme.ts';
import { SECTIONS } from './registry.ts';
import { chartsOf, resultOf, type ChartTree } from './section.ts';

/** Each section's chart tree, in registry order. */
export function sectionChartTrees(model: ReportModel, t: ChartTheme): ChartTree[] {
  return SECTIONS.map((s) => s.charts(resultOf(s, model), t, model));
}

export function buildChartSpecs(model: ReportModel, t: ChartTheme): ChartSpec[] {
  return sectionChartTrees(model, t).flatMap((tree) => chartsOf(tree));
}
