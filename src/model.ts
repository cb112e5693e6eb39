// Compute once, render many: assembles one report's ReportModel (= metrics.json) from the
// shared dataset and derived metrics. Every figure comes from the pure section functions;
// this module only selects the rows in scope and runs the registered sections in order.
import type { Config, Dataset, Derived, Insight, PeriodInfo, ReportModel, ReportSpec, Scope } from './types.ts';
import type { SectionContext } from './sections/context.ts';
import { buildScope, selectRows } from './data/scope.ts';
import { StatsScratch } from './stats/group.ts';
import { SECTIONS } from './sections/registry.ts';
import type { PreviousPeriod, SectionKey, SectionResult } from './sections/section.ts';
import { dayToIso } from './data/calendar.ts';
import { computeInsights, comparisonInsights, localizeInsights } from './insights.ts';
import { DEFAULT_LOCALE } from './i18n/locale.ts';
import { installedGlyphs, type GlyphCoverage } from './output/fonts.ts';
import { previousPeriod, resolvePeriod, labelRange, type Clock, type DayRange } from './periods.ts';

export const SCHEMA_VERSION = '1.0.0';

export interface ModelInput {
  dataset: Dataset;
  derived: Derived;
  config: Config;
  report: ReportSpec;
  clock: Clock;
  tool: { name: string; version: string };
  /** display path of the input (relative, as the user gave it) */
  inputPath: string;
  /** what the report can draw; by default the installed fonts (fontconfig), read once per process */
  glyphs?: GlyphCoverage;
}

/**
 * A report's rows in scope and its period: known before any section is computed (a batch plans
 * every report first). The scope's labels and sorted values are made when its model is built.
 */
export interface ReportPlan {
  range: DayRange | null;
  rows: Uint32Array;
  period: PeriodInfo;
}

/** Rows in scope (filters and the publish-date period) and the period they cover. */
export function planReport(input: ModelInput): ReportPlan {
  const range = resolvePeriod(input.report.period, input.clock.runDay);
  const rows = rowsFor(input, range);
  return { range, rows, period: periodInfo(range, input.dataset, rows) };
}

/** The report's model and the dataset rows in its scope (for filtered.csv). */
export function buildReportModel(input: ModelInput, plan: ReportPlan = planReport(input)): { model: ReportModel; rows: Uint32Array } {
  const ctx = contextFor(input, plan);
  const sections = {} as SectionResult<SectionKey>;
  for (const section of SECTIONS) Object.assign(sections, section.compute(ctx));
  return finishModel(input, plan, ctx, assembleModel(input, plan, ctx, sections));
}

/**
 * buildReportModel() that awaits `pause()` after the scope, after each section (~0.05-0.15 s at
 * 1M rows) and before the previous period, so a caller can let the event loop run in between.
 * A batch's prints need a few round trips to the browser each; with the main thread held for a
 * whole report's sections they advanced only between reports and piled up at the end.
 */
export async function computeReportModel(input: ModelInput, plan: ReportPlan, pause?: () => Promise<void>): Promise<{ model: ReportModel; rows: Uint32Array }> {
  const ctx = contextFor(input, plan);
  if (pause) await pause();
  const sections = {} as SectionResult<SectionKey>;
  for (const section of SECTIONS) {
    Object.assign(sections, section.compute(ctx));
    if (pause) await pause();
  }
  const model = assembleModel(input, plan, ctx, sections);
  if (pause) await pause(); // the previous period computes two sections again
  return finishModel(input, plan, ctx, model);
}

/** 1. Rows in scope: filters and the publish-date period. */
function contextFor(input: ModelInput, plan: ReportPlan): SectionContext {
  const { dataset, derived, config, report } = input;
  const scratch = new StatsScratch(); // this report's buffers: released in finishModel
  const scope = buildScope(dataset, derived, plan.rows, config.scoring, scratch);
  return { dataset, derived, scope, report, config, scratch, glyphs: input.glyphs ?? installedGlyphs(), period: { range: plan.range, info: plan.period } };
}

/** 2. The sections' figures (in registry order: metrics.json's order) with the report's own facts. */
function assembleModel(input: ModelInput, plan: ReportPlan, ctx: SectionContext, sections: SectionResult<SectionKey>): ReportModel {
  const { dataset, config, report } = input;
  const { period } = plan;
  const { scope } = ctx;
  // momentum goes last, after the keys metrics.json had before it (consumers see the old order)
  const { momentum, ...others } = sections;
  return {
    schemaVersion: SCHEMA_VERSION,
    generator: input.tool,
    generatedAt: input.clock.generatedAt,
    report: { id: report.id, title: report.title },
    input: {
      path: input.inputPath,
      sha256: dataset.source.sha256,
      rowsRead: dataset.source.rowsRead,
      rowsUsable: dataset.rows,
      rowsDropped: dataset.source.rowsDropped,
      ...(dataset.source.invalidUtf8 ? { invalidUtf8: dataset.source.invalidUtf8 } : {}),
      ...(dataset.source.missing ? { missing: dataset.source.missing } : {}),
      ...(dataset.source.unreadable ? { unreadable: dataset.source.unreadable } : {}),
      ...(dataset.source.repairs ? { repairs: dataset.source.repairs } : {}),
      ...inputFiles(dataset),
    },
    columns: Object.fromEntries(Object.values(dataset.columns).map((m) => [m!.concept, m!.column])),
    timezone: dataset.timezone,
    scope: { rows: scope.rows.length, filters: { ...report.filters, period: { ...period } } },
    period,
    ...others,
    insights: [],
    comparison: null,
    method: {
      weights: config.scoring.weights,
      caps: config.scoring.caps,
      tierQuantiles: config.scoring.tierQuantiles,
      tierCuts: scope.tierCuts,
      viralPotentialQuantiles: config.scoring.viralPotential,
      scoreCuts: scope.scoreCuts,
    },
    momentum,
  };
}

/** 3. The previous period, when asked and when the period has a predecessor; 4. insights. */
function finishModel(input: ModelInput, plan: ReportPlan, ctx: SectionContext, model: ReportModel): { model: ReportModel; rows: Uint32Array } {
  const { dataset, report } = input;
  const { range } = plan;
  // 3. Previous period, when asked and when the period has a predecessor: each section adds its comparison
  if (report.compare === 'previous' && range) {
    const prevRange = previousPeriod(report.period, range);
    if (prevRange) {
      const prevScope = scopeFor(input, prevRange, ctx.scratch);
      const prevPeriod = periodInfo(prevRange, dataset, prevScope.rows);
      const previous: PreviousPeriod = { ctx: { ...ctx, scope: prevScope, period: { range: prevRange, info: prevPeriod } }, period: prevPeriod };
      for (const section of SECTIONS) section.previousPeriod?.(model, previous);
    }
  }
  // 4. Plain-language findings, from the figures above only
  // a section left out (`sections: { <id>: false }`) keeps its figures but gives no findings:
  // the key findings, the comparison's and the email's come from these lists
  const off = report.sections.off ?? [];
  const shown = (i: Insight) => !off.includes(i.section);
  model.insights = computeInsights(model).filter(shown);
  if (model.comparison) model.comparison.insights = comparisonInsights(model).filter(shown);
  localizeInsights(model, report.locale ?? DEFAULT_LOCALE, shown);
  ctx.scratch.release(); // the figures are made: no 8 MB buffers kept through the HTML, PDF and CSV
  return { model, rows: ctx.scope.rows };
}

function rowsFor(input: ModelInput, range: DayRange | null): Uint32Array {
  return selectRows(input.dataset, input.report.filters, range ? { from: range.from, to: range.to } : null);
}

function scopeFor(input: ModelInput, range: DayRange | null, scratch: StatsScratch): Scope {
  return buildScope(input.dataset, input.derived, rowsFor(input, range), input.config.scoring, scratch);
}

/** The period as configured, or for `all` the first and last publish date in scope. */
function periodInfo(range: DayRange | null, ds: Dataset, rows: Uint32Array): PeriodInfo {
  if (range) {
    return {
      from: Number.isFinite(range.from) ? dayToIso(range.from) : null,
      to: Number.isFinite(range.to) ? dayToIso(range.to) : null,
      label: range.label,
    };
  }
  let lo = Infinity;
  let hi = -Infinity;
  if (ds.day) {
    for (const r of rows) {
      const d = ds.day[r];
      if (d < lo) lo = d;
      if (d > hi) hi = d;
    }
  }
  if (lo === Infinity) return { from: null, to: null, label: 'all dates' };
  return { from: dayToIso(lo), to: dayToIso(hi), label: labelRange(lo, hi) };
}

/**
 * metrics.json input.files and input.mergedRows: with several files or a video id column (one file
 * without ids keeps the input block it always had).
 */
function inputFiles(ds: ModelInput['dataset']): Pick<ReportModel['input'], 'files' | 'mergedRows'> {
  const files = ds.inputs ?? [];
  if (files.length < 2 && !ds.videoId) return {};
  return { mergedRows: ds.mergedRows ?? 0, files: files.map((f, k) => ({ ...f, columns: ds.inputDetails?.[k]?.columns ?? {} })) };
}
