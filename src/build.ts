// `svreport build`: the pipeline in numbered stages and nothing else. One read of the input
// and one browser serve every report of the run; each report's folder is staged and swapped
// into place only when all of it was written, under a lock on the output root, so a failure
// never leaves half a snapshot and never replaces a folder svreport did not write.
import { mkdir, readdir, rmdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Config, Dataset, KpiChange, OutputFormat, ReportModel, ReportSpec } from './types.ts';
import { shownSections } from './sections/registry.ts';
import { ReportError, EXIT } from './errors.ts';
import { inputFolders, readInputs, splitByProblem } from './data/inputs.ts';
import { DEFAULT_TUNING, type Tuning } from './tuning.ts';
import { deriveMetrics } from './data/derive.ts';
import { filterProblems, unmatchedFilterValues } from './data/scope.ts';
import { computeReportModel, planReport, type ModelInput, type ReportPlan } from './model.ts';
import type { Clock } from './periods.ts';
import { expandReports } from './reports.ts';
import { printsAsOneFlow, renderHtml } from './output/html.ts';
import { readBrandings } from './output/branding.ts';
import { localeWarnings, tOr, withLocale } from './i18n/index.ts';
import { CsvPass, type CsvPassControl, type CsvPassJob } from './output/csv-pass.ts';
import {
  StagedDir, fileEntry, type FileEntry, resolveOutputDir, outputRoot, rootIsSnapshotOf, assertSafeTarget, assertReplaceable, recoverLeftovers, outputError, why,
  type ProtectedDir,
} from './output/snapshot.ts';
import { LOCK_WAIT_MS, OutputLock, lockPathFor } from './output/lock.ts';
import { toJson, manifestJson, configHash, headlineKpis } from './output/json.ts';
import { PrintQueue, type Printer } from './output/print.ts';
import { writeIndex } from './output/index.ts';
import { pruneOldSnapshots } from './output/prune.ts';
import type { Logger } from './log.ts';
import { dayToIso } from './data/calendar.ts';
import { collectGarbage } from './memory.ts';
import { writeMessage } from './delivery/message.ts';
import { MERGED_REASON, invalidUtf8Text } from './messages.ts';
import { emptyScopeReason } from './sections/empty.ts';
import { staleWarnings } from './output/stale.ts';

/**
 * The IO of a build that tests swap out (as Observable Framework's BuildEffects): the log, the
 * PDF side, the filtered.csv pass and the staging of snapshot folders. cli.ts passes
 * defaultBuildEffects(); the stages below only say when each is started, awaited or aborted.
 */
export interface BuildEffects {
  log: Logger;
  /** the browser and its print queue (a run with PDF output) */
  printer(config: Config): Printer;
  /** the one pass that writes every report's filtered.csv (a run with CSV output) */
  csvPass(job: CsvPassJob): CsvPassControl;
  /** a report's folder, written beside its target and swapped into place at the commit */
  snapshots: { stage(dir: string, opts: { isOutputRoot: boolean; key: string }): Promise<StagedDir> };
}

/** The real effects: Chromium found through `env` (the environment cli.ts read), files on disk. */
export function defaultBuildEffects(log: Logger, env: Record<string, string | undefined>): BuildEffects {
  return {
    log,
    printer: (config) => new PrintQueue(config, log, env),
    csvPass: (job) => new CsvPass(job),
    snapshots: { stage: (dir, opts) => StagedDir.create(dir, opts) },
  };
}

export interface BuildOptions {
  config: Config;
  formats: OutputFormat[];
  clock: Clock;
  tool: { name: string; version: string };
  inputDisplayPath: string;
  /** how messages name an input file (cli.ts: relative to the working directory); default as given */
  display?: (abs: string) => string;
  /** the working directory: never a write target, nor any parent of it */
  cwd: string;
  /** how the user named the output folder, for messages: `--out` or `output.dir` */
  outputKey?: string;
  /** how long to wait for another run's lock on the output root (default 2 minutes) */
  lockWaitMs?: number;
  /** the data path's knobs (cli.ts reads them from the environment); default DEFAULT_TUNING */
  tuning?: Tuning;
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
  const { config, formats } = opts;
  const warnings: string[] = [];
  // 0. Refuse an output root that would replace the user's folders; start the browser now, so
  //    it boots while the data is read (none found: stop before anything is read or written)
  await assertSafeTarget(outputRoot(config.output.dir), protectedDirs(opts), opts.outputKey ?? 'output.dir');
  const printer = formats.includes('pdf') ? fx.printer(config) : null;
  const unavailable = printer?.start() ?? null;
  try {
    if (unavailable) throw unavailable;
    return await buildWith(opts, fx, warnings, printer);
  } catch (err) {
    throw err instanceof ReportError && err.exitCode === EXIT.render && !err.message.includes(NOTHING_REPLACED)
      ? new ReportError(err.exitCode, `${err.message} ${NOTHING_REPLACED}`, err.problems, { cause: err.cause ?? err })
      : err;
  } finally {
    await printer?.close();
  }
}

/** Said of every rendering failure: it happens before the commit, so no folder was touched. */
const NOTHING_REPLACED = 'No snapshot was written or replaced.';

/** The folders a write target must never be nor contain. */
function protectedDirs(opts: BuildOptions): ProtectedDir[] {
  const { config } = opts;
  return [
    { path: opts.cwd, what: 'the working directory' },
    ...(config.configPath ? [{ path: config.configDir, what: "the config's folder" }] : []),
    // every entry's folder (a pattern's: the folder it is written in)
    ...inputFolders(config).map((path) => ({ path, what: "the input file's folder" })),
  ];
}

async function buildWith(opts: BuildOptions, fx: BuildEffects, warnings: string[], printer: Printer | null): Promise<BuildResult> {
  const { config, clock, formats } = opts;
  const tuning = opts.tuning ?? DEFAULT_TUNING;

  // 0b. The logos the reports name, read and checked before the data (a bad one is exit 2)
  const brandings = await readBrandings(config.reports.map((r) => r.branding), config.theme);
  warnings.push(...brandings.warnings);

  // 1. Read the input once, into the shared columnar dataset (every file of it, joined by
  //    concept, one row per video id)
  const read = await fx.log.stage('read', () => readInputs(config, { display: opts.display ?? ((p) => p), tuning }), (r) => readSummary(r.dataset));
  const { dataset } = read;
  const inputPath = read.displayPath;
  warnings.push(...read.warnings);
  for (const [reason, n] of Object.entries(dataset.source.rowsDropped)) {
    if (reason === MERGED_REASON) continue; // one row per video: counted in data quality, not a problem
    warnings.push(`${n} row(s) dropped: ${reason} (e.g. ${dataset.source.dropExamples[reason]?.[0] ?? 'n/a'})`);
  }
  const replaced = invalidUtf8Text(dataset.source);
  if (replaced) warnings.push(replaced);
  warnings.push(...(dataset.source.detection?.warnings ?? [])); // a chosen column under half filled

  // 2. Derive per-row metrics once
  const derived = await fx.log.stage('derive', async () => deriveMetrics(dataset, config.scoring));

  // 3. Every report of the run (reports: and splitBy expanded over the dataset)
  const specs: ReportSpec[] = expandReports(config, dataset, warnings);
  warnings.push(...localeWarnings(specs));
  const unsplittable = splitByProblem(config, dataset);
  if (unsplittable) throw unsplittable;
  const problems = specs.flatMap((s) => filterProblems(dataset, s.filters).map((p) => `report "${s.id}": ${p}`));
  if (problems.length) throw new ReportError(EXIT.usage, 'The filters do not fit the input', problems);
  for (const s of specs) {
    for (const u of unmatchedFilterValues(dataset, s.filters)) {
      warnings.push(`report "${s.id}": filters.${u.filter} value ${JSON.stringify(u.value)} matches no row`);
    }
  }
  // 4. Each report's rows in scope and period (no section yet): enough to stage its folder and
  //    start its filtered.csv
  const inputs = specs.map((report) => ({ dataset, derived, config, report, clock, tool: opts.tool, inputPath }));
  const plans: (ReportPlan | null)[] = inputs.map((input) => planReport(input));
  const date = dayToIso(clock.runDay); // the run date in the time zone (--as-of for a backfill)
  const staged: StagedDir[] = [];
  const key = opts.outputKey ?? 'output.dir';
  const root = outputRoot(config.output.dir);
  const rootIsSnapshot = rootIsSnapshotOf(config.output.dir);
  const dirs = specs.map((s, i) => resolveOutputDir(config.output.dir, { report: s.id, period: plans[i]!.period.label, date }));
  if (new Set(dirs).size !== dirs.length) {
    throw new ReportError(EXIT.usage, `output.dir "${config.output.dir}" gives several reports the same folder; add {report} to it.`);
  }
  for (const dir of new Set(dirs)) await assertSafeTarget(dir, protectedDirs(opts), key);
  const output = await lockOutput(root, rootIsSnapshot, opts.lockWaitMs ?? LOCK_WAIT_MS, warnings);
  // stale input: the previous snapshots as they are before this run replaces any (SPEC 6b, 9)
  try {
    warnings.push(...(await staleWarnings(root, specs.map((s, i) => ({
      reportId: s.id, period: plans[i]!.period, generatedAt: clock.generatedAt, inputSha256: dataset.source.sha256,
      configHash: configHash(config, s), delivers: s.delivery.email !== null,
    })))));
  } catch (err) {
    await output.release(true);
    throw outputError(root, err);
  }
  let csv: CsvPassControl | null = null;
  const result: BuildResult = { reports: [], warnings, index: null, error: null };
  const models: ReportModel[] = [];
  let committed = false;
  try {
    // every folder in the way is checked before the first is staged: a refusal changes nothing
    for (const dir of dirs) await assertReplaceable(dir, { isOutputRoot: rootIsSnapshot, key });
    for (const dir of dirs) staged.push(await fx.snapshots.stage(dir, { isOutputRoot: rootIsSnapshot, key }));

    // 5. filtered.csv of every report in one pass over the source, beside the stages that follow
    //    (when it begins: see CsvPass); awaited before the manifests
    if (formats.includes('csv')) {
      csv = fx.csvPass({
        dataset, targets: plans.map((p, i) => ({ path: staged[i].path('filtered.csv'), rows: p!.rows })), maxRecordBytes: config.input.maxRecordBytes,
        formats, displayPath: staged.length ? join(staged[0].target, 'filtered.csv') : '', log: fx.log, tuning,
      });
    }

    // 6. Report by report: sections, HTML (charts rendered to SVG inside), JSON; each report is
    //    handed to the browser as soon as its HTML exists and prints while the next is computed
    const time = { sections: 0, html: 0 };
    await fx.log.stage('reports', async (progress) => {
      progress.total(specs.length);
      for (let i = 0; i < specs.length; i++) {
        if (printer?.failure) throw printer.failure;
        let t0 = performance.now();
        const model = await nextModel(inputs[i], plans, i, printer !== null);
        models.push(model);
        // an empty period is not a failure: the report says so, and so does the run (SPEC 6b)
        const empty = emptyScopeReason(model);
        if (empty) warnings.push(`report "${model.report.id}": ${empty}`);
        time.sections += performance.now() - t0;
        t0 = performance.now();
        if (formats.includes('html') || formats.includes('pdf')) {
          const branding = brandings.of(specs[i].branding);
          const { html, charts } = await renderHtml(model, { theme: config.theme, csvHref: formats.includes('csv') ? 'filtered.csv' : null, off: specs[i].sections.off, branding, locale: specs[i].locale });
          // a chart with data but no marks is a broken render; a chart with nothing to draw (the
          // growth of a one-week report) shows its "no data" placeholder and is fine
          const empty = charts.filter((c) => c.hasData && !c.hasMarks);
          if (empty.length) {
            throw new ReportError(EXIT.render, `Report "${model.report.id}": chart "${empty[0].title}" rendered with no marks; refusing to publish a broken report.`);
          }
          if (formats.includes('html')) await staged[i].write('report.html', html);
          printer?.add({ model, html, out: staged[i].path('report.pdf'), sections: shownSections(specs[i].sections.off).length, flow: printsAsOneFlow(model), toc: tocOf(specs[i]), footer: branding?.footer ?? null, locale: specs[i].locale });
          csv?.start();
        }
        time.html += performance.now() - t0;
        if (formats.includes('json')) await staged[i].write('metrics.json', toJson(model));
        progress.tick();
      }
    }, () => `${specs.length} report(s): sections ${secs(time.sections)} s, html ${secs(time.html)} s`);

    // 7. PDF: what is left to print (one browser for the whole batch)
    if (printer) {
      const printed = await fx.log.stage('pdf', () => printer.finish(), () => '(printed alongside the reports)');
      if (printed.unavailable) throw printed.unavailable; // every format or none: nothing is committed
      warnings.push(...printed.warnings);
      printer.close().catch(() => {}); // nothing more to print: the browser goes while the manifests are written (awaited at the end)
    }
    csv?.start(); // (no report made HTML)
    const csvSums = (await csv?.done) ?? new Map<number, FileEntry>();

    // 8. The email of each report with delivery (message.eml; a failed render commits nothing, so
    //    no broken report can be sent), the manifest last, then swap every folder into place
    for (let i = 0; i < models.length && !result.error; i++) {
      await writeMessage(staged[i], { model: models[i], spec: specs[i], configHash: configHash(config, specs[i]), inputSha256: dataset.source.sha256, runDate: date, publicUrl: config.output.publicUrl });
    }
    committed = true; // from here on, some folders may be replaced
    warnings.push(...(await commitSnapshots(staged, models, csvSums, (i, entries) => manifestJson(models[i], entries, configHash(config, specs[i]), dataset), output.lock)));
  } catch (err) {
    // stop what runs beside the stages before their folders go: the CSV pass first (it writes
    // into them), then the prints in flight
    await csv?.abort();
    await printer?.abort();
    await Promise.all(staged.map((s) => s.abort()));
    await output.release(!committed);
    throw err;
  }
  try {
    for (let i = 0; i < models.length; i++) {
      result.reports.push(summary(models[i], staged[i].target, (await readdir(staged[i].target)).sort()));
    }

    // 8b. Keep only output.keep snapshots per report, now that the new ones are in place (still
    //     under the lock: another run cannot be committing there meanwhile)
    if (config.output.keep !== null) warnings.push(...(await pruneOldSnapshots(config.output.dir, config.output.keep, staged.map((s) => s.target), fx.log)));

    // 9. The archive index of every snapshot under the output root. The snapshots are in place:
    //    an index that cannot be written is a warning, not a failed run.
    if (formats.includes('html')) {
      try {
        result.index = await fx.log.stage('index', () => writeIndex(root, { theme: config.theme, generatedAt: clock.generatedAt, locale: config.locale }));
      } catch (err) {
        warnings.push(`The reports were written, but the archive index in ${root} could not be (${why(err)}); the next build writes it again.`);
      }
    }
  } finally {
    await output.release(false);
  }
  return result;
}


/**
 * Takes the lock on the output root (creating the root, or for a root that is itself a report's
 * folder, its parent) and recovers what an interrupted run left under it. release(true) also
 * removes the folders this run created, when they are still empty (a refused run changes nothing).
 */
async function lockOutput(root: string, rootIsSnapshot: boolean, waitMs: number, warnings: string[]) {
  const home = rootIsSnapshot ? dirname(root) : root;
  let created: string | undefined;
  let lock: OutputLock;
  try {
    created = await mkdir(home, { recursive: true });
    lock = await OutputLock.acquire(lockPathFor(root, rootIsSnapshot), { waitMs });
  } catch (err) {
    throw err instanceof ReportError ? err : outputError(home, err);
  }
  const release = async (removeCreated: boolean) => {
    await lock.release();
    if (!removeCreated || created === undefined) return;
    for (let d = home; ; d = dirname(d)) {
      if (!(await rmdir(d).then(() => true, () => false)) || d === created) break;
    }
  };
  try {
    warnings.push(...(await recoverLeftovers(root, { rootIsSnapshot })).map((line) => line[0].toUpperCase() + line.slice(1) + '.'));
  } catch (err) {
    await release(true);
    throw outputError(root, err);
  }
  return { lock, release };
}

/**
 * 8. Commit: each staged folder gets its manifest (the list of its files with their sha256,
 * written last), then, once the lock is confirmed to be still this run's, is swapped into place.
 * Returns the warnings of the swaps (an old copy that could not be removed).
 */
async function commitSnapshots(
  staged: StagedDir[],
  models: ReportModel[],
  csvSums: Map<number, FileEntry>,
  manifest: (i: number, entries: FileEntry[]) => string,
  lock: OutputLock,
): Promise<string[]> {
  for (let i = 0; i < models.length; i++) {
    const files = await staged[i].files();
    const entries = await Promise.all(files.map((f) => (f === 'filtered.csv' && csvSums.get(i)) || fileEntry(staged[i].stage, f)));
    await staged[i].write('manifest.json', manifest(i, entries));
  }
  await lock.verify();
  const warnings: string[] = [];
  for (const s of staged) {
    const warning = await s.commit();
    if (warning) warnings.push(warning);
  }
  return warnings;
}

/**
 * A report's model, a section at a time: with prints in flight the event loop runs in between, so
 * the prints advance. The report's plan is dropped once its model exists (a batch at 1M rows: up
 * to 4 MB of row indices each). A large run's first report collects what the read left behind,
 * then the sections' scratch before the charts allocate (peak RSS of a 1M-row build 405-475 ->
 * 384-423 MiB); not every report of a batch: there each collection slowed the next sections and
 * charts by ~0.25 s, and a batch's peak comes later in the run anyway.
 */
async function nextModel(input: ModelInput, plans: (ReportPlan | null)[], i: number, printing: boolean): Promise<ReportModel> {
  const collect = i === 0 ? () => collectGarbage(input.dataset.rows) : () => {};
  collect();
  // a section at a time: in between, the event loop runs and the prints in flight advance
  const { model } = await computeReportModel(input, plans[i]!, printing ? () => new Promise<void>((resolve) => setImmediate(resolve)) : undefined);
  plans[i] = null; // its rows are not needed any more (a batch at 1M rows: up to 4 MB each)
  collect();
  return model;
}

const secs = (ms: number) => (ms / 1000).toFixed(2);

function readSummary(ds: Dataset): string {
  const merged = ds.mergedRows ?? 0;
  const dropped = ds.source.rowsRead - ds.rows - merged;
  return `${ds.rows.toLocaleString('en-US')} usable row(s) of ${ds.source.rowsRead.toLocaleString('en-US')}` + (dropped ? `, ${dropped} dropped` : '') + (merged ? `, ${merged} merged (one row per video)` : '');
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

/** The sections a report's cover lists, by the titles its PDF prints (in its language): the printer finds their pages by them. */
function tocOf(spec: ReportSpec): { id: string; title: string }[] {
  return withLocale(spec.locale, () => shownSections(spec.sections.off).map((s) => ({ id: s.id, title: tOr(`section.${s.id}.title`, s.title) })));
}
