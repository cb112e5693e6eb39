// `svreport build`: the pipeline in numbered stages and nothing else. One read of the input
// and one browser serve every report of the run; each report's folder is staged and swapped
// into place only when all of it was written, under a lock on the output root, so a failure
// never leaves half a snapshot and never replaces a folder svreport did not write.
import { mkdir, readdir, rmdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Config, Dataset, Derived, KpiChange, OutputFormat, ReportModel, ReportSpec } from './types.ts';
import { ReportError, EXIT } from './errors.ts';
import { readDataset, readOptionsFromConfig } from './data/read.ts';
import { deriveMetrics } from './data/derive.ts';
import { filterProblems, unmatchedFilterValues } from './data/scope.ts';
import { computeReportModel, planReport, type ReportPlan } from './model.ts';
import type { Clock } from './periods.ts';
import { expandReports } from './reports.ts';
import { renderHtml } from './output/html.ts';
import { csvWaitsForFirstHtml, writeFilteredCsvs, type CsvTarget } from './output/csv.ts';
import {
  StagedDir, fileEntry, type FileEntry, resolveOutputDir, outputRoot, assertSafeTarget, assertReplaceable, recoverLeftovers, outputError, why,
  type ProtectedDir,
} from './output/snapshot.ts';
import { OutputLock, lockPathFor } from './output/lock.ts';
import { toJson, manifestJson, configHash, headlineKpis } from './output/json.ts';
import { openBrowser, PrintQueue, type BrowserSession } from './output/print.ts';
import { writeIndex } from './output/index.ts';
import { pruneOldSnapshots } from './output/prune.ts';
import type { Logger } from './log.ts';
import { dayToIso } from './data/calendar.ts';
import { collectGarbage } from './memory.ts';
import { writeMessage } from './delivery/message.ts';
import { invalidUtf8Text } from './messages.ts';

export interface BuildEffects {
  log: Logger;
}

export interface BuildOptions {
  config: Config;
  formats: OutputFormat[];
  clock: Clock;
  tool: { name: string; version: string };
  inputDisplayPath: string;
  /** the working directory: never a write target, nor any parent of it */
  cwd: string;
  /** how the user named the output folder, for messages: `--out` or `output.dir` */
  outputKey?: string;
  /** how long to wait for another run's lock on the output root (default 2 minutes) */
  lockWaitMs?: number;
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
  const browser = formats.includes('pdf') ? openBrowser(config) : null;
  try {
    if (browser?.unavailable) throw browser.unavailable;
    return await buildWith(opts, fx, warnings, browser);
  } catch (err) {
    throw err instanceof ReportError && err.exitCode === EXIT.render && !err.message.includes(NOTHING_REPLACED)
      ? new ReportError(err.exitCode, `${err.message} ${NOTHING_REPLACED}`, err.details, { cause: err.cause ?? err })
      : err;
  } finally {
    await browser?.close();
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
    { path: dirname(config.input.path), what: "the input file's folder" },
  ];
}

/**
 * SPEC 10: an export with none of likes, comments and shares has no engagement at all; its rate
 * is missing (null in metrics.json, n/a in the report), not the 0 that SPEC 3's "absent
 * component counts 0" gives when every component is absent. One component is enough for a rate.
 */
export function withoutAbsentEngagement(ds: Dataset, derived: Derived): Derived {
  if (ds.num.likes || ds.num.comments || ds.num.shares) return derived;
  return { ...derived, engagementRate: new Float64Array(ds.rows).fill(NaN) };
}

async function buildWith(opts: BuildOptions, fx: BuildEffects, warnings: string[], browser: BrowserSession | null): Promise<BuildResult> {
  const { config, clock, formats } = opts;

  // 1. Read the input once, into the shared columnar dataset
  const dataset = await fx.log.stage('read', () => readDataset({ ...readOptionsFromConfig(config), displayPath: opts.inputDisplayPath }), readSummary);
  for (const [reason, n] of Object.entries(dataset.source.rowsDropped)) {
    warnings.push(`${n} row(s) dropped: ${reason} (e.g. ${dataset.source.dropExamples[reason]?.[0] ?? 'n/a'})`);
  }
  const replaced = invalidUtf8Text(dataset.source);
  if (replaced) warnings.push(replaced);

  // 2. Derive per-row metrics once
  const derived = await fx.log.stage('derive', async () => withoutAbsentEngagement(dataset, deriveMetrics(dataset, config.scoring)));

  // 3. Every report of the run (reports: and splitBy expanded over the dataset)
  const specs: ReportSpec[] = expandReports(config, dataset, warnings);
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
  // 4. Each report's rows in scope and period (no section yet): enough to stage its folder and
  //    start its filtered.csv
  const inputs = specs.map((report) => ({ dataset, derived, config, report, clock, tool: opts.tool, inputPath: opts.inputDisplayPath }));
  const plans: (ReportPlan | null)[] = inputs.map((input) => planReport(input));
  const date = dayToIso(clock.runDay); // the run date in the time zone (--as-of for a backfill)
  const staged: StagedDir[] = [];
  const key = opts.outputKey ?? 'output.dir';
  const root = outputRoot(config.output.dir);
  const rootIsSnapshot = !config.output.dir.includes('{'); // output.dir without a token: one folder, the root
  const dirs = specs.map((s, i) => resolveOutputDir(config.output.dir, { report: s.id, period: plans[i]!.period.label, date }));
  if (new Set(dirs).size !== dirs.length) {
    throw new ReportError(EXIT.usage, `output.dir "${config.output.dir}" gives several reports the same folder; add {report} to it.`);
  }
  for (const dir of new Set(dirs)) await assertSafeTarget(dir, protectedDirs(opts), key);
  const output = await lockOutput(root, rootIsSnapshot, opts.lockWaitMs ?? LOCK_WAIT_MS, warnings);
  let csvDone: Promise<void> | null = null;
  let startCsv = () => {}; // begins a pass that waits for the first report's HTML
  const stopCsv = new AbortController();
  const csvSums = new Map<number, FileEntry>(); // report index -> filtered.csv hashed as written
  const result: BuildResult = { reports: [], warnings, index: null, error: null };
  const models: ReportModel[] = [];
  const printing = formats.includes('pdf') ? new PrintQueue(browser!, config, fx.log) : null;
  let committed = false;
  try {
    // every folder in the way is checked before the first is staged: a refusal changes nothing
    for (const dir of dirs) await assertReplaceable(dir, { isOutputRoot: rootIsSnapshot, key });
    for (const dir of dirs) staged.push(await StagedDir.create(dir, { isOutputRoot: rootIsSnapshot, key }));

    // 5. filtered.csv of every report in one pass over the source (a large file's on a worker
    //    thread, beside the sections, HTML and PDF; a small one's once the first report's HTML
    //    goes to the browser, see csvWaitsForFirstHtml); awaited before the manifests
    if (formats.includes('csv')) {
      const targets: CsvTarget[] = plans.map((p, i) => ({ path: staged[i].path('filtered.csv'), rows: p!.rows }));
      const go = csvWaitsForFirstHtml(dataset.source.bytes, formats) ? new Promise<void>((resolve) => (startCsv = resolve)) : Promise.resolve();
      csvDone = go.then(async () => {
        if (stopCsv.signal.aborted) return; // the run failed before the pass began
        const t0 = performance.now();
        const sums = await writeFilteredCsvs(dataset, targets, config.input.maxRecordBytes, { signal: stopCsv.signal });
        sums.forEach((sum, i) => sum && csvSums.set(i, { name: 'filtered.csv', ...sum }));
        fx.log.info(`${'csv'.padEnd(8)} ${((performance.now() - t0) / 1000).toFixed(2).padStart(6)} s (alongside the reports)`);
      });
      csvDone.catch(() => {}); // awaited below; never an unhandled rejection meanwhile
      await null; // a pass that need not wait starts its worker now, not at the reports' first pause
    }

    // 6. Report by report: sections, HTML (charts rendered to SVG inside), JSON; each report is
    //    handed to the browser as soon as its HTML exists and prints while the next is computed
    const time = { sections: 0, html: 0 };
    await fx.log.stage('reports', async (progress) => {
      progress.total(specs.length);
      for (let i = 0; i < specs.length; i++) {
        if (printing?.failure) throw printing.failure;
        let t0 = performance.now();
        // A large run's first report: collect what the read left behind, then the sections'
        // scratch before the charts allocate (peak RSS of a 1M-row build 405-475 -> 384-423 MiB).
        // Not for every report of a batch: there each collection slowed the next sections and
        // charts by ~0.25 s, and a batch's peak comes later in the run anyway.
        if (i === 0) collectGarbage(dataset.rows);
        // a section at a time: in between, the event loop runs and the prints in flight advance
        const { model } = await computeReportModel(inputs[i], plans[i]!, printing ? () => new Promise((r) => setImmediate(r)) : undefined);
        plans[i] = null; // its rows are not needed any more (a batch at 1M rows: up to 4 MB each)
        if (i === 0) collectGarbage(dataset.rows);
        models.push(model);
        time.sections += performance.now() - t0;
        t0 = performance.now();
        if (formats.includes('html') || formats.includes('pdf')) {
          const { html, charts } = await renderHtml(model, { theme: config.theme, csvHref: formats.includes('csv') ? 'filtered.csv' : null });
          // a chart with data but no marks is a broken render; a chart with nothing to draw (the
          // growth of a one-week report) shows its "no data" placeholder and is fine
          const empty = charts.filter((c) => c.hasData && !c.hasMarks);
          if (empty.length) {
            throw new ReportError(EXIT.render, `Report "${model.report.id}": chart "${empty[0].title}" rendered with no marks; refusing to publish a broken report.`);
          }
          if (formats.includes('html')) await staged[i].write('report.html', html);
          printing?.add({ model, html, out: staged[i].path('report.pdf') });
          startCsv();
        }
        time.html += performance.now() - t0;
        if (formats.includes('json')) await staged[i].write('metrics.json', toJson(model));
        progress.tick();
      }
    }, () => `${specs.length} report(s): sections ${secs(time.sections)} s, html ${secs(time.html)} s`);

    // 7. PDF: what is left to print (one browser for the whole batch)
    if (printing) {
      const printed = await fx.log.stage('pdf', () => printing.finish(), () => '(printed alongside the reports)');
      if (printed.unavailable) throw printed.unavailable; // every format or none: nothing is committed
      warnings.push(...printed.warnings);
      browser!.close().catch(() => {}); // nothing more to print: the browser goes while the manifests are written (awaited at the end)
    }

    startCsv(); // (no report made HTML)
    await csvDone?.catch((err) => {
      if (err instanceof ReportError) throw err;
      // one pass writes every report's file: the first names them all
      throw outputError(join(staged[0].target, 'filtered.csv') + (staged.length > 1 ? ` (and the other reports' filtered.csv)` : ''), err);
    });

    // 8. The email of each report with delivery (message.eml; a failed render commits nothing, so
    //    no broken report can be sent), the manifest last, then swap every folder into place
    for (let i = 0; i < models.length && !result.error; i++) {
      await writeMessage(staged[i], { model: models[i], spec: specs[i], configHash: configHash(config, specs[i]), inputSha256: dataset.source.sha256, runDate: date, publicUrl: config.output.publicUrl });
    }
    committed = true; // from here on, some folders may be replaced
    warnings.push(...(await commitSnapshots(staged, models, csvSums, (i, entries) => manifestJson(models[i], entries, configHash(config, specs[i]), dataset), output.lock)));
  } catch (err) {
    stopCsv.abort(); // a pass on a worker stops at once (one on this thread runs to its end)
    startCsv(); // a pass still waiting for the first HTML does not begin
    await csvDone?.catch(() => {}); // let the CSV pass stop writing before its folder goes
    await printing?.cancel(); // and the prints in flight
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
        result.index = await fx.log.stage('index', () => writeIndex(root, { theme: config.theme, generatedAt: clock.generatedAt }));
      } catch (err) {
        warnings.push(`The reports were written, but the archive index in ${root} could not be (${why(err)}); the next build writes it again.`);
      }
    }
  } finally {
    await output.release(false);
  }
  return result;
}

/** How long a run waits for another run's lock on the same output root. */
const LOCK_WAIT_MS = 120_000;

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

const secs = (ms: number) => (ms / 1000).toFixed(2);

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
