// The knobs of the data path and the filtered.csv pass (which parser, threads, thresholds, direct
// I/O), as one plain object: cli.ts reads them once from the environment (tuningFromEnv) and
// passes them down; no other module reads SVREPORT_* variables. Tests build their own Tuning.

export interface Tuning {
  /** which reader parses the CSV: the fast scanner, or fast-csv (the reference) with SVREPORT_PARSER=reference */
  parser: 'fast' | 'reference';
  /** whether work may go to worker threads (SVREPORT_THREADS=1: all of it on the main thread) */
  threads: boolean;
  /**
   * UTF-8 files of at least this many bytes are read by two threads (SVREPORT_PARALLEL_MIN_BYTES;
   * Infinity: every file on one thread). Below ~40 MB a worker's start-up (its bundle, ~50 ms of
   * the other core, which the browser is also starting on) costs about what it saves. Medians of
   * 8-10 full builds on 2 cores (read stage, one thread vs two): 17 MB 0.36 vs 0.39 s, 34 MB 0.47
   * vs 0.48 s, 48 MB 0.58 vs 0.54 s (the whole build 2.08 -> 2.05 s); 481 MB 3.6 vs 2.9 s.
   */
  parallelMinBytes: number;
  /** the read worker's young generation in MB: its garbage (decoded chunks) must not add to peak memory (SVREPORT_READ_YOUNG_MB) */
  readYoungMb: number;
  /**
   * From this source size the CSV pass goes to a worker thread (SVREPORT_CSV_WORKER_MIN_BYTES): a
   * 48 MB file's pass (~0.35 s) then leaves the main thread to the sections and charts, which the
   * PDF waits for (100k-row build 2.83-2.95 -> 2.75-2.84 s); a small file's pass costs less than a
   * worker's start-up.
   */
  csvWorkerMinBytes: number;
  /**
   * Below this source size, a run that prints PDFs starts the CSV pass once its first report's
   * HTML is handed to the browser (SVREPORT_CSV_AFTER_HTML_MAX_BYTES): the pass (~0.4 s of CPU for
   * 48 MB) then runs beside Chromium's print instead of beside the sections and charts the print
   * is waiting for (100k-row build 2.28 -> 2.17 s). A larger file's pass outlasts them all and
   * starts at once.
   */
  csvAfterHtmlMaxBytes: number;
  /** whether large output files are written with O_DIRECT where the system offers it (SVREPORT_DIRECT_IO=0: never) */
  directIo: boolean;
}

export const DEFAULT_TUNING: Readonly<Tuning> = Object.freeze({
  parser: 'fast',
  threads: true,
  parallelMinBytes: 40 * 1024 * 1024,
  readYoungMb: 8,
  csvWorkerMinBytes: 16 * 1024 * 1024,
  csvAfterHtmlMaxBytes: 64 * 1024 * 1024,
  directIo: true,
});

/** A number from the environment (Infinity allowed), or the default when unset or not a number. */
function num(v: string | undefined, fallback: number): number {
  if (v === undefined || v.trim() === '') return fallback;
  const n = Number(v);
  return Number.isNaN(n) ? fallback : n;
}

/** The tuning the SVREPORT_* variables of `env` ask for (pure: cli.ts passes its environment). */
export function tuningFromEnv(env: Record<string, string | undefined>): Tuning {
  const d = DEFAULT_TUNING;
  return {
    parser: env.SVREPORT_PARSER === 'reference' ? 'reference' : 'fast',
    threads: env.SVREPORT_THREADS !== '1',
    parallelMinBytes: num(env.SVREPORT_PARALLEL_MIN_BYTES, d.parallelMinBytes),
    readYoungMb: num(env.SVREPORT_READ_YOUNG_MB, d.readYoungMb),
    csvWorkerMinBytes: num(env.SVREPORT_CSV_WORKER_MIN_BYTES, d.csvWorkerMinBytes),
    csvAfterHtmlMaxBytes: num(env.SVREPORT_CSV_AFTER_HTML_MAX_BYTES, d.csvAfterHtmlMaxBytes),
    directIo: env.SVREPORT_DIRECT_IO !== '0',
  };
}
