// The filtered.csv pass of a run as one object beside the PrintQueue: when it begins (at once, or
// once the first report's HTML goes to the browser), how it stops when the run fails elsewhere,
// and what it resolves to (each file's entry for the manifest). build.ts only says start/done/abort.
import { ReportError } from '../errors.ts';
import type { Dataset, OutputFormat } from '../types.ts';
import type { Logger } from '../log.ts';
import type { Tuning } from '../tuning.ts';
import { csvWaitsForFirstHtml, writeFilteredCsvs, type CsvTarget } from './csv.ts';
import { outputError, type FileEntry } from './snapshot.ts';

export interface CsvPassJob {
  dataset: Dataset;
  /** one per report, in report order */
  targets: CsvTarget[];
  maxRecordBytes: number;
  formats: readonly OutputFormat[];
  /** how a failure names the files: the first report's, "and the other reports'" for a batch */
  displayPath: string;
  log: Logger;
  tuning: Tuning;
}

/** What the build needs of a CSV pass (tests swap it through BuildEffects.csvPass). */
export interface CsvPassControl {
  /** the first report's HTML is on its way to the browser, or none will be: a waiting pass begins */
  start(): void;
  /** report index -> filtered.csv hashed as written (missing: hash the file afterwards); rejects with one sentence */
  readonly done: Promise<Map<number, FileEntry>>;
  /** the run failed: a pass on a worker stops at once, one that has not begun never does; resolves once it wrote its last byte */
  abort(): Promise<void>;
}

/**
 * One pass over the source writes every report's filtered.csv. A large file's pass begins at
 * once (on a worker thread, beside the sections, HTML and PDF); a small one's waits for start(),
 * see csvWaitsForFirstHtml: it then runs beside Chromium's print instead of the charts the print
 * is waiting for.
 */
export class CsvPass implements CsvPassControl {
  readonly done: Promise<Map<number, FileEntry>>;
  #begin!: () => void;
  readonly #stop = new AbortController();

  constructor(job: CsvPassJob) {
    const begun = new Promise<void>((resolve) => (this.#begin = resolve));
    // a pass that need not wait calls writeFilteredCsvs now (its worker starts before the first
    // report's sections), not at the reports' first pause
    this.done = csvWaitsForFirstHtml(job.dataset.source.bytes, job.formats, job.tuning.csvAfterHtmlMaxBytes) ? begun.then(() => this.#run(job)) : this.#run(job);
    this.done.catch(() => {}); // awaited by the build; never an unhandled rejection meanwhile
  }

  start(): void {
    this.#begin();
  }

  async abort(): Promise<void> {
    this.#stop.abort();
    this.#begin(); // a pass still waiting does not begin: #run sees the abort
    await this.done.catch(() => {});
  }

  async #run(job: CsvPassJob): Promise<Map<number, FileEntry>> {
    const entries = new Map<number, FileEntry>();
    if (this.#stop.signal.aborted) return entries; // the run failed before the pass began
    const t0 = performance.now();
    try {
      const sums = await writeFilteredCsvs(job.dataset, job.targets, job.maxRecordBytes, { signal: this.#stop.signal }, job.tuning);
      sums.forEach((sum, i) => sum && entries.set(i, { name: 'filtered.csv', ...sum }));
    } catch (err) {
      if (err instanceof ReportError) throw err;
      // one pass writes every report's file: the first names them all
      throw outputError(job.displayPath + (job.targets.length > 1 ? ` (and the other reports' filtered.csv)` : ''), err);
    }
    job.log.info(`${'csv'.padEnd(8)} ${((performance.now() - t0) / 1000).toFixed(2).padStart(6)} s (alongside the reports)`);
    return entries;
  }
}
