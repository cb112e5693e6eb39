// The progress log on stderr: one line per stage with its time, nothing with --quiet. On a
// terminal a one-line bar (redrawn with \r) shows the running stage; never in a pipe or CI log.
// Kept behind an interface so tests and --json runs can capture or silence it.

export interface Progress {
  /** how many steps the stage has (reports to render, to print, ...) */
  total(n: number): void;
  /** one more step done */
  tick(n?: number): void;
}

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  /** Runs a stage and logs its name, elapsed time and an optional summary of its result. */
  stage<T>(name: string, run: (progress: Progress) => Promise<T>, describe?: (result: T) => string): Promise<T>;
}

export interface LoggerOptions {
  quiet: boolean;
  /** writes one line (the caller adds the newline) */
  write: (line: string) => void;
  now: () => number;
  /** a terminal to draw the progress bar on; omitted when stderr is not a TTY */
  tty?: { write: (chunk: string) => void; columns?: number } | null;
  /** redraw interval of the bar, ms */
  tickMs?: number;
}

const BAR_WIDTH = 24;
const noProgress: Progress = { total: () => {}, tick: () => {} };

export function createLogger(opts: LoggerOptions): Logger {
  const { quiet, write, now } = opts;
  const tty = quiet ? null : opts.tty ?? null;
  let clearBar: (() => void) | null = null; // set while a bar is on screen
  const line = (s: string) => {
    clearBar?.();
    write(s);
  };
  return {
    info: (m) => void (quiet || line(`svreport: ${m}`)),
    warn: (m) => void (quiet || line(`svreport: warning: ${m}`)),
    async stage(name, run, describe) {
      const t0 = now();
      const bar = tty ? startBar(tty, name, t0, now, opts.tickMs ?? 100) : null;
      if (bar) clearBar = bar.clear;
      let result;
      try {
        result = await run(bar?.progress ?? noProgress);
      } finally {
        bar?.stop();
        clearBar = null;
      }
      if (!quiet) {
        const secs = ((now() - t0) / 1000).toFixed(2);
        const what = describe ? ` ${describe(result)}` : '';
        write(`svreport: ${name.padEnd(8)} ${secs.padStart(6)} s${what}`);
      }
      return result;
    },
  };
}

/** A `\r`-redrawn bar: filled by ticks when the stage has a total, a moving block otherwise. */
function startBar(tty: NonNullable<LoggerOptions['tty']>, name: string, t0: number, now: () => number, tickMs: number) {
  let total = 0;
  let done = 0;
  let frame = 0;
  let shown = false;
  const draw = () => {
    const secs = ((now() - t0) / 1000).toFixed(1);
    let cells: string;
    let count = '';
    if (total > 0) {
      const filled = Math.min(BAR_WIDTH, Math.round((done / total) * BAR_WIDTH));
      cells = '#'.repeat(filled) + '-'.repeat(BAR_WIDTH - filled);
      count = ` ${Math.min(done, total)}/${total}`;
    } else {
      const at = frame++ % BAR_WIDTH;
      cells = '-'.repeat(at) + '###'.slice(0, BAR_WIDTH - at) + '-'.repeat(Math.max(0, BAR_WIDTH - at - 3));
    }
    const text = `svreport: ${name.padEnd(8)} [${cells}]${count} ${secs} s`;
    tty.write(`\r${text.slice(0, Math.max(20, (tty.columns || 80) - 1))}\x1b[K`); // columns is 0 on some pseudo-terminals
    shown = true;
  };
  const clear = () => {
    if (shown) tty.write('\r\x1b[K');
    shown = false;
  };
  const timer = setInterval(draw, tickMs);
  timer.unref();
  return {
    progress: {
      total: (n: number) => void (total = n),
      tick: (n = 1) => {
        done += n;
        draw();
      },
    } satisfies Progress,
    clear,
    stop: () => {
      clearInterval(timer);
      clear();
    },
  };
}

export const silentLogger: Logger = createLogger({ quiet: true, write: () => {}, now: () => 0 });
