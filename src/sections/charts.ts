// All charts of a report in reading order: each registered section's chart tree, in registry
// order. The HTML draws them in this order; tests and tools list them from here.
import type { ReportModel } from '../types.ts';
import type { ChartSpec } from '../charts/specs.ts';
import type { ChartTheme } from '../charts/theme.ts';
import { SECTIONS } from './registry.ts';
import { chartsOf, resultOf, type ChartTree } from './section.ts';

/** Each section's chart tree, in registry order; `off`: the sections left out of the report. */
export function sectionChartTrees(model: ReportModel, t: ChartTheme, off: readonly string[] = []): ChartTree[] {
  return SECTIONS.map((s) => s.charts(resultOf(s, model), t, model, off));
}

export function buildChartSpecs(model: ReportModel, t: ChartTheme, off: readonly string[] = []): ChartSpec[] {
  return sectionChartTrees(model, t, off).flatMap((tree) => chartsOf(tree));
}
