// The progress log on stderr: one line per stage with its time, nothing with --quiet. Kept
// behind an interface so tests and --json runs can capture or silence it.

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  /** Runs a stage and logs its name, elapsed time and an optional summary of its result. */
  stage<T>(name: string, run: () => Promise<T>, describe?: (result: T) => string): Promise<T>;
}

export function createLogger(opts: { quiet: boolean; write: (line: string) => void; now: () => number }): Logger {
  const { quiet, write, now } = opts;
  return {
    info: (m) => void (quiet || write(`svreport: ${m}`)),
    warn: (m) => void (quiet || write(`svreport: warning: ${m}`)),
    async stage(name, run, describe) {
      const t0 = now();
      const result = await run();
      if (!quiet) {
        const secs = ((now() - t0) / 1000).toFixed(2);
        const what = describe ? ` ${describe(result)}` : '';
        write(`svreport: ${name.padEnd(8)} ${secs.padStart(6)} s${what}`);
      }
      return result;
    },
  };
}

export const silentLogger: Logger = createLogger({ quiet: true, write: () => {}, now: () => 0 });
