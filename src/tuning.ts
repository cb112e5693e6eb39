// The performance knobs of the data path and the CSV pass (SVREPORT_* variables), read once from
// the environment by cli.ts and passed down; no module reads them at import. The defaults and the
// measurements behind them are documented where each knob is used.
// (Minimal version of the engine branch's file, same exported names: that version wins at merge.)

export interface Tuning {
  /** SVREPORT_PARSER=reference: read with fast-csv, the reference parser */
  parser: 'fast' | 'reference';
  /** SVREPORT_THREADS=1: no worker threads */
  threads: boolean;
  /** SVREPORT_PARALLEL_MIN_BYTES: UTF-8 files from this size are read by two threads */
  parallelMinBytes: number;
  /** SVREPORT_READ_YOUNG_MB: the read worker's young generation */
  readYoungMb: number;
  /** SVREPORT_CSV_WORKER_MIN_BYTES: from this source size the CSV pass runs on a worker */
  csvWorkerMinBytes: number;
  /** SVREPORT_CSV_AFTER_HTML_MAX_BYTES: below it, a PDF run's CSV pass waits for the first HTML */
  csvAfterHtmlMaxBytes: number;
  /** SVREPORT_DIRECT_IO=0: never write with O_DIRECT */
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

/** The tuning an environment asks for (unset variables keep the defaults). */
export function tuningFromEnv(env: Record<string, string | undefined>): Tuning {
  const num = (name: string, fallback: number) => Number(env[name] ?? fallback);
  return {
    parser: env.SVREPORT_PARSER === 'reference' ? 'reference' : 'fast',
    threads: env.SVREPORT_THREADS !== '1',
    parallelMinBytes: num('SVREPORT_PARALLEL_MIN_BYTES', DEFAULT_TUNING.parallelMinBytes),
    readYoungMb: num('SVREPORT_READ_YOUNG_MB', DEFAULT_TUNING.readYoungMb),
    csvWorkerMinBytes: num('SVREPORT_CSV_WORKER_MIN_BYTES', DEFAULT_TUNING.csvWorkerMinBytes),
    csvAfterHtmlMaxBytes: num('SVREPORT_CSV_AFTER_HTML_MAX_BYTES', DEFAULT_TUNING.csvAfterHtmlMaxBytes),
    directIo: env.SVREPORT_DIRECT_IO !== '0',
  };
}
