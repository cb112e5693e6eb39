// `svreport build`: the pipeline in numbered stages and nothing else. One read of the input
// and one browser serve every report of the run; each report's folder is staged and swapped
// into place only when all of it was written, so a failure never leaves half a snapshot.
import { readdir } from 'node:fs/promises';
import type { Config, Dataset, KpiChange, OutputFormat, ReportModel, ReportSpec } from './types.ts';
import { ReportError, EXIT } from './errors.ts';
import { readDataset, readOptionsFromConfig } from './data/read.ts';
import { deriveMetrics } from './data/derive.ts';
import { filterProblems, unmatchedFilterValues } from './data/scope.ts';
import { buildReportModel } from './model.ts';
import type { Clock } from './periods.ts';
import { expandReports } from './reports.ts';
import { renderHtml } from './output/html.ts';
import { writeFilteredCsvs, type CsvTarget } from './output/csv.ts';
import { StagedDir, fileEntry, type FileEntry, resolveOutputDir, outputRoot } from './output/snapshot.ts';
import { toJson, manifestJson, configHash, headlineKpis } from './output/json.ts';
import { openBrowser, printReports, type BrowserSession, type PrintJob } from './output/print.ts';
import { writeIndex } from './output/index.ts';
import type { Logger } from './log.ts';
import { dayToIso } from './data/calendar.ts';

export interface BuildEffects {
  log: Logger;
}

export interface BuildOptions {
  config: Config;
  formats: OutputFormat[];
  clock: Clock;
  tool: { name: string; version: string };
  inputDisplayPath: string;
}

export type KpiSummary = ReturnType<typeof headlineKpis>;

export interface BuiltReport {
  id: string;
  title: string;
  dir: string;
  period: string;
  files: string[];
  kpis: KpiSummary;
  /** with `compare: previous`: the period before and each headline KPI's change */
  comparison: { period: string; changes: Record<string, KpiChange> } | null;
}

export interface BuildResult {
  reports: BuiltReport[];
  warnings: string[];
  index: string | null;
  /** set when the run succeeded in part (e.g. HTML and JSON written but no browser for the PDF) */
  error: ReportError | null;
}

export async function buildReports(opts: BuildOptions, fx: BuildEffects): Promise<BuildResult> {
  const { config, clock, formats } = opts;
  const warnings: string[] = [];
  // 0. Start the browser now, so it boots while the data is read
  const browser = formats.includes('pdf') ? openBrowser(config) : null;
  try {
    return await buildWith(opts, fx, warnings, browser);
  } finally {
    await browser?.close();
  }
}

async function buildWith(opts: BuildOptions, fx: BuildEffects, warnings: string[], browser: BrowserSession | null): Promise<BuildResult> {
  const { config, clock, formats } = opts;

  // 1. Read the input once, into the shared columnar dataset
  const dataset = await fx.log.stage('read', () => readDataset({ ...readOptionsFromConfig(config), displayPath: opts.inputDisplayPath }), readSummary);
  for (const [reason, n] of Object.entries(dataset.source.rowsDropped)) {
    warnings.push(`${n} row(s) dropped: ${reason} (e.g. ${dataset.source.dropExamples[reason]?.[0] ?? 'n/a'})`);
  }

  // 2. Derive per-row metrics once
  const derived = await fx.log.stage('derive', async () => deriveMetrics(dataset, config.scoring));

  // 3. Every report's model (reports: and splitBy expanded over the dataset)
  const specs: ReportSpec[] = expandReports(config, dataset);
  if (config.splitBy !== 'none' && !dataset.text[config.splitBy]) {
    throw new ReportError(EXIT.usage, `splitBy: ${config.splitBy} is set but the input has no ${config.splitBy} column.`);
  }
  const problems = specs.flatMap((s) => filterProblems(dataset, s.filters).map((p) => `report "${s.id}": ${p}`));
  if (problems.length) throw new ReportError(EXIT.usage, 'The filters do not fit the input', problems);
  for (const s of specs) {
    for (const u of unmatchedFilterValues(dataset, s.filters)) {
      warnings.push(`report "${s.id}": filters.${u.filter} value ${JSON.stringify(u.value)} matches no row`);
    }
  }
  const built = await fx.log.stage('sections', async (progress) => {
    progress.total(specs.length);
    const out = [];
    for (const report of specs) {
      out.push(buildReportModel({ dataset, derived, config, report, clock, tool: opts.tool, inputPath: opts.inputDisplayPath }));
      progress.tick();
    }
    return out;
  }, () => `${specs.length} report(s)`);
  const models = built.map((b) => b.model);

  // 4. Stage each report's folder
  const date = dayToIso(clock.runDay); // the run date in the time zone (--as-of for a backfill)
  const staged: StagedDir[] = [];
  let csvDone: Promise<void> | null = null;
  const csvSums = new Map<number, FileEntry>(); // report index -> filtered.csv hashed as written
  const result: BuildResult = { reports: [], warnings, index: null, error: null };
  try {
    for (const model of models) {
      const dir = resolveOutputDir(config.output.dir, { report: model.report.id, period: model.period.label, date });
      staged.push(await StagedDir.create(dir));
    }
    if (new Set(staged.map((s) => s.target)).size !== staged.length) {
      throw new ReportError(EXIT.usage, `output.dir "${config.output.dir}" gives several reports the same folder; add {report} to it.`);
    }

    // 5. filtered.csv, streamed from the source in one pass for all reports; it reads the file
    //    while HTML and PDF keep the other core busy, and is awaited before the manifests
    if (formats.includes('csv')) {
      const targets: CsvTarget[] = models.map((m, i) => ({ path: staged[i].path('filtered.csv'), rows: built[i].rows }));
      const t0 = performance.now();
      csvDone = writeFilteredCsvs(dataset, targets, config.input.maxRecordBytes).then((sums) => {
        sums.forEach((sum, i) => sum && csvSums.set(i, { name: 'filtered.csv', ...sum }));
        fx.log.info(`${'csv'.padEnd(8)} ${((performance.now() - t0) / 1000).toFixed(2).padStart(6)} s (alongside html and pdf)`);
      });
      csvDone.catch(() => {}); // awaited below; never an unhandled rejection meanwhile
    }

    // 6. HTML (charts rendered to SVG inside), JSON
    const htmls: string[] = [];
    if (formats.includes('html') || formats.includes('pdf')) {
      await fx.log.stage('html', async (progress) => {
        progress.total(models.length);
        for (let i = 0; i < models.length; i++) {
          const { html, charts } = await renderHtml(models[i], { theme: config.theme, csvHref: formats.includes('csv') ? 'filtered.csv' : null });
          // a chart with data but no marks is a broken render; a chart with nothing to draw (the
          // growth of a one-week report) shows its "no data" placeholder and is fine
          const empty = charts.filter((c) => c.hasData && !c.hasMarks);
          if (empty.length) {
            throw new ReportError(EXIT.render, `Report "${models[i].report.id}": chart "${empty[0].title}" rendered with no marks; refusing to publish a broken report.`);
          }
          htmls.push(html);
          if (formats.includes('html')) await staged[i].write('report.html', html);
          progress.tick();
        }
      });
    }
    if (formats.includes('json')) {
      for (let i = 0; i < models.length; i++) await staged[i].write('metrics.json', toJson(models[i]));
    }

    // 7. PDF: one browser for the whole batch
    if (formats.includes('pdf')) {
      const jobs: PrintJob[] = models.map((m, i) => ({ model: m, html: htmls[i], out: staged[i].path('report.pdf') }));
      const printed = await fx.log.stage('pdf', (progress) => {
        progress.total(jobs.length);
        // printReports logs "printed <id>" once per report: that line is the bar's tick
        const log: Logger = { ...fx.log, info: (m) => (fx.log.info(m), m.startsWith('printed ') && progress.tick()) };
        return printReports(jobs, browser!, config, log);
      });
      if (printed.unavailable) {
        result.error = printed.unavailable;
        warnings.push(printed.unavailable.message);
      }
      warnings.push(...printed.warnings);
    }

    await csvDone;

    // 8. Manifest last, then swap every folder into place
    for (let i = 0; i < models.length; i++) {
      const files = await staged[i].files();
      const entries = await Promise.all(files.map((f) => (f === 'filtered.csv' && csvSums.get(i)) || fileEntry(staged[i].stage, f)));
      await staged[i].write('manifest.json', manifestJson(models[i], entries, configHash(config, specs[i]), dataset));
    }
    for (const s of staged) await s.commit();
  } catch (err) {
    await csvDone?.catch(() => {}); // let the CSV pass stop writing before its folder goes
    await Promise.all(staged.map((s) => s.abort()));
    throw err;
  }
  for (let i = 0; i < models.length; i++) {
    result.reports.push(summary(models[i], staged[i].target, (await readdir(staged[i].target)).sort()));
  }

  // 9. The archive index of every snapshot under the output root
  if (formats.includes('html')) {
    result.index = await fx.log.stage('index', () => writeIndex(outputRoot(config.output.dir), { theme: config.theme, generatedAt: clock.generatedAt }));
  }
  return result;
}

function readSummary(ds: Dataset): string {
  const dropped = ds.source.rowsRead - ds.rows;
  return `${ds.rows.toLocaleString('en-US')} usable row(s) of ${ds.source.rowsRead.toLocaleString('en-US')}` + (dropped ? `, ${dropped} dropped` : '');
}

function summary(model: ReportModel, dir: string, files: string[]): BuiltReport {
  return {
    id: model.report.id,
    title: model.report.title,
    dir,
    period: model.period.label,
    files: files.map((f) => `${dir}/${f}`),
    kpis: headlineKpis(model),
    comparison: model.comparison ? { period: model.comparison.period.label, changes: model.comparison.changes } : null,
  };
}
