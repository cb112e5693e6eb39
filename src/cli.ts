// The command line: yargs commands build, validate, init and send. The only place that reads the
// environment and the clock, catches errors and sets exit codes (SPEC section 1).
import { readFileSync } from 'node:fs';
import { mkdir, writeFile, stat } from 'node:fs/promises';
import { join, relative, resolve, isAbsolute } from 'node:path';
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { ReportError, EXIT, usageError } from './errors.ts';
import type { Config, OutputFormat } from './types.ts';
import { loadConfig } from './config/load.ts';
import { STARTER_CONFIG } from './config/starter.ts';
import { buildReports, defaultBuildEffects } from './build.ts';
import { tuningFromEnv } from './tuning.ts';
import { makeClock } from './periods.ts';
import { createLogger } from './log.ts';
import { abortAllSync, outputRoot, replaceOutputRoot, rootIsSnapshotOf } from './output/snapshot.ts';
import { LOCK_WAIT_MS, releaseLocksSync, withOutputLock } from './output/lock.ts';
import { readInputs, splitByProblem } from './data/inputs.ts';
import { describeValidation } from './validate.ts';
import { toJson } from './output/json.ts';
import { PACKAGE_ROOT } from './paths.ts';
import { checkServers, deliverDirs, snapshotDirs, type DeliveryRun } from './delivery/run.ts';
import { DEFAULT_RETRY, type DeliveryOutcome, type RetryPolicy } from './delivery/send.ts';
import { scanSnapshots } from './delivery/state.ts';
import { secretsOf, type DeliveryEnv } from './delivery/server.ts';
import { scrub } from './delivery/send.ts';

export const TOOL = {
  name: 'short-video-report',
  version: (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version,
};

const FORMATS: readonly OutputFormat[] = ['html', 'pdf', 'json', 'csv'];
/** The options that may be given more than once (and the positional lists yargs keeps in arrays). */
const REPEATABLE = new Set(['input', 'i', 'set', '_', 'dirs']);

interface Io {
  argv: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  now: () => number;
  /** stderr when it is a terminal (the progress bar is drawn there); null in pipes and CI logs */
  tty?: { write: (chunk: string) => void; columns?: number } | null;
}

interface CommonArgs {
  config?: string;
  /** repeatable: several input files */
  input?: string | string[];
  set?: string[];
  quiet?: boolean;
  json?: boolean;
  debug?: boolean;
}

/** Runs the CLI and returns the exit code; never throws. */
export async function main(io: Io): Promise<number> {
  let debug = io.argv.includes('--debug');
  // with --json, stdout holds exactly one JSON document, failures included
  const json = io.argv.includes('--json');
  try {
    let code: number = EXIT.ok;
    const parser = yargs(io.argv)
      // every message of the tool is English: yargs' own parts of them too, whatever LANG says
      // (the bundled yargs has no locale files, so both ways of running print the same)
      .locale('en')
      .scriptName('svreport')
      .usage('$0 <command> [options]')
      .option('config', { alias: 'c', type: 'string', describe: 'config file (default ./report.config.yaml)' })
      .option('input', { alias: 'i', type: 'string', describe: 'input file or glob (replaces input.path); repeat for several files' })
      .option('set', { type: 'string', array: true, describe: 'override a config key: --set key=value' })
      .option('quiet', { alias: 'q', type: 'boolean', describe: 'print nothing but errors' })
      .option('json', { type: 'boolean', describe: 'print a machine-readable summary on stdout' })
      .option('debug', { type: 'boolean', describe: 'print stack traces of errors' })
      .command(
        'build',
        'build every report of the config (HTML, PDF, metrics.json, filtered.csv)',
        (y) =>
          y
            .option('out', { alias: 'o', type: 'string', describe: 'output root (replaces the part of output.dir before its first {token})' })
            .option('format', { alias: 'f', type: 'string', describe: 'comma-separated formats: html,pdf,json,csv' })
            .option('as-of', { type: 'string', describe: 'run date for relative periods, YYYY-MM-DD (backfills)' })
            .option('send', { type: 'boolean', describe: 'then email each report that built cleanly (delivery.email)' }),
        async (args) => {
          code = await runBuild(args as BuildArgs, io);
          if (code === EXIT.ok) builtOk = true;
        },
      )
      .command(
        'validate',
        'check the config and the input, print the column mapping and data quality; writes nothing',
        () => {},
        async (args) => {
          code = await runValidate(args as CommonArgs, io);
        },
      )
      .command(
        'init [dir]',
        'write a commented starter report.config.yaml',
        (y) => y.positional('dir', { type: 'string', default: '.' }).option('force', { type: 'boolean', describe: 'overwrite an existing file' }),
        async (args) => {
          code = await runInit(String(args.dir ?? '.'), Boolean(args.force), Boolean(args.quiet), io);
        },
      )
      .command(
        'send [dirs..]',
        'email snapshots already built (each snapshot folder, or every snapshot under an output root; default: the config\'s output root)',
        (y) =>
          y
            .positional('dirs', { type: 'string', array: true, describe: 'snapshot folders or output roots' })
            .option('resend', { type: 'boolean', describe: 'send again what was already delivered' })
            .option('dry-run', { type: 'boolean', describe: 'say what would go to whom; send and write nothing' }),
        async (args) => {
          code = await runSend(args as CommonArgs & { dirs?: string[]; resend?: boolean; dryRun?: boolean }, io);
        },
      )
      // an option given twice that is not meant to repeat is a mistake to name, not a list to crash on
      .middleware((argv) => {
        const twice = Object.keys(argv).find((key) => Array.isArray(argv[key]) && !REPEATABLE.has(key) && io.argv.some((a) => a === `--${key}` || a.startsWith(`--${key}=`)))
          ?? Object.keys(argv).filter((key) => Array.isArray(argv[key]) && !REPEATABLE.has(key) && !/[A-Z]/.test(key)).sort((a, b) => b.length - a.length)[0];
        if (twice !== undefined) throw usageError(`${twice.length === 1 ? '-' : '--'}${twice} was given more than once; give it once (only --input and --set may be repeated).`);
      }, true)
      .demandCommand(1, 'Name a command: build, validate, init or send.')
      .strict()
      .version(TOOL.version)
      .help()
      .wrap(Math.min(100, process.stdout.columns ?? 100))
      .exitProcess(false)
      .fail((msg, err) => {
        throw err ?? usageError(`${msg} (see svreport --help)`);
      });
    const args = await parser.parseAsync();
    debug = Boolean(args.debug);
    return code;
  } catch (err) {
    const secrets = secretsOf(deliveryEnv(io), []);
    if (err instanceof ReportError && secrets.length) err.message = scrub(err.message, secrets);
    const code = report(err, io, debug);
    if (json) {
      const e = err instanceof ReportError ? err : null;
      io.stdout(toJson({ ok: false, exitCode: code, error: e?.message ?? (err instanceof Error ? err.message.split('\n')[0] : String(err)), details: e?.problems ?? [] }).trimEnd());
    }
    return code;
  }
}

function report(err: unknown, io: Io, debug: boolean): number {
  if (err instanceof ReportError) {
    io.stderr(`svreport: error: ${err.message}`);
    for (const d of err.problems) io.stderr(`  - ${d}`);
    if (debug && err.cause instanceof Error) io.stderr(err.cause.stack ?? String(err.cause));
    return err.exitCode;
  }
  const message = err instanceof Error ? err.message : String(err);
  io.stderr(`svreport: unexpected error: ${message.split('\n')[0]}${debug ? '' : ' (run with --debug for details)'}`);
  if (debug && err instanceof Error) io.stderr(err.stack ?? '');
  return EXIT.unexpected;
}

async function configFrom(args: CommonArgs, io: Io): Promise<Config> {
  const config = await loadConfig({ configPath: args.config ?? null, cwd: io.cwd, input: args.input ?? null, set: args.set ?? [] });
  // output.dir, like input.path, is relative to the config file's folder
  if (!isAbsolute(config.output.dir)) config.output.dir = join(config.configDir, config.output.dir);
  return config;
}

function parseFormats(value: string | undefined, fallback: OutputFormat[]): OutputFormat[] {
  if (!value) return fallback;
  const list = value.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
  const bad = list.filter((f) => !FORMATS.includes(f as OutputFormat));
  if (bad.length || list.length === 0) throw usageError(`--format takes a comma-separated list of ${FORMATS.join(', ')} (got "${value}").`);
  return [...new Set(list)] as OutputFormat[];
}

const display = (io: Io, path: string) => {
  const rel = relative(io.cwd, path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
};

type BuildArgs = CommonArgs & { out?: string; format?: string; asOf?: string; send?: boolean };

async function runBuild(args: BuildArgs, io: Io): Promise<number> {
  const config = await configFrom(args, io);
  if (args.out !== undefined) {
    config.output.dir = replaceOutputRoot(config.output.dir, resolve(io.cwd, args.out));
  }
  const formats = parseFormats(args.format, config.output.formats);
  const log = createLogger({ quiet: Boolean(args.quiet), write: io.stderr, now: io.now, tty: io.tty ?? null });
  const clock = makeClock({ asOf: args.asOf ?? null, sourceDateEpoch: io.env.SOURCE_DATE_EPOCH ?? null, now: io.now(), timezone: config.timezone });
  const env = deliveryEnv(io);
  // with --send: the server is checked before any work, and the snapshots as they were before
  // this build (it may replace one) tell what was already delivered and what the last input was
  if (args.send) checkServers(config, env);
  const known = args.send ? await scanSnapshots(outputRoot(config.output.dir)) : [];
  const t0 = io.now();
  const result = await buildReports({
    config, formats, clock, tool: TOOL, inputDisplayPath: display(io, config.input.path), display: (p) => display(io, p),
    cwd: io.cwd, outputKey: args.out !== undefined ? '--out' : 'output.dir', lockWaitMs: lockWaitMs(io.env), tuning: tuningFromEnv(io.env),
  }, defaultBuildEffects(log, io.env));
  for (const w of result.warnings) log.warn(w);
  for (const r of result.reports) log.info(`wrote ${display(io, r.dir)} (${r.files.length} files)`);
  if (result.index) log.info(`archive index: ${display(io, result.index)}`);
  log.info(`done in ${((io.now() - t0) / 1000).toFixed(2)} s`);
  // only reports whose snapshots are committed and passed every gate of the build are sent
  let delivery: { outcomes: DeliveryOutcome[]; error: ReportError | null } | null = null;
  if (args.send && result.error) log.warn('nothing sent: the build did not complete cleanly');
  else if (args.send) {
    const run = deliveryRun(config, env, known, { resend: false, dryRun: false }, io, log);
    delivery = await underOutputLock(config, io, () => deliverDirs(result.reports.map((r) => r.dir), run));
  }
  const error = result.error ?? delivery?.error ?? null;
  if (args.json) {
    const byDir = new Map(delivery?.outcomes.map((o) => [o.dir, o]) ?? []);
    io.stdout(toJson({
      ok: error === null,
      exitCode: error?.exitCode ?? EXIT.ok,
      reports: result.reports.map((r) => ({
        ...r, dir: display(io, r.dir), files: r.files.map((f) => display(io, f)),
        ...(args.send ? { delivery: outcomeJson(byDir.get(r.dir) ?? null, io) } : {}),
      })),
      index: result.index ? display(io, result.index) : null,
      warnings: result.warnings,
      error: error?.message ?? null,
    }).trimEnd());
  }
  if (error) {
    io.stderr(`svreport: error: ${error.message}`);
    return error.exitCode;
  }
  return EXIT.ok;
}

/** The environment delivery may read: the SMTP URL and the variable `passwordEnv` names. */
function deliveryEnv(io: Io): DeliveryEnv {
  return { smtpUrl: io.env.SVREPORT_SMTP_URL || null, variable: (name) => io.env[name] };
}

/** Retries of transient SMTP failures; SVREPORT_SMTP_RETRIES and SVREPORT_SMTP_RETRY_DELAY_MS tune them. */
function retryPolicy(io: Io): RetryPolicy {
  const int = (name: string, fallback: number, max: number) => {
    const v = io.env[name];
    if (v === undefined || v === '') return fallback;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0 || n > max) throw usageError(`${name} must be a whole number from 0 to ${max} (got ${JSON.stringify(v)}).`);
    return n;
  };
  return {
    retries: int('SVREPORT_SMTP_RETRIES', DEFAULT_RETRY.retries, 20),
    baseDelayMs: int('SVREPORT_SMTP_RETRY_DELAY_MS', DEFAULT_RETRY.baseDelayMs, 600_000),
    timeoutMs: int('SVREPORT_SMTP_TIMEOUT_MS', DEFAULT_RETRY.timeoutMs, 600_000) || DEFAULT_RETRY.timeoutMs,
  };
}

function deliveryRun(config: Config, env: DeliveryEnv, known: DeliveryRun['known'], flags: { resend: boolean; dryRun: boolean }, io: Io, log: ReturnType<typeof createLogger>): DeliveryRun {
  return { config, env, known, ...flags, retry: retryPolicy(io), now: io.now, log, display: (p) => display(io, p) };
}

function outcomeJson(o: DeliveryOutcome | null, io: Io) {
  if (!o) return null;
  return { ...o, dir: display(io, o.dir) };
}

async function runSend(args: CommonArgs & { dirs?: string[]; resend?: boolean; dryRun?: boolean }, io: Io): Promise<number> {
  const config = await configFrom(args, io);
  const log = createLogger({ quiet: Boolean(args.quiet), write: io.stderr, now: io.now, tty: null });
  const env = deliveryEnv(io);
  const root = outputRoot(config.output.dir);
  const paths = args.dirs?.length ? args.dirs.map((d) => resolve(io.cwd, d)) : [root];
  const dirs = await snapshotDirs(paths);
  if (!dirs.length) throw usageError(`No snapshot found in ${paths.map((p) => display(io, p)).join(', ')}; build one first (svreport build).`);
  // every snapshot known under the output root and the folders named: for reruns and the stale check
  const known = [...(await scanSnapshots(root)), ...(args.dirs?.length ? (await Promise.all(paths.map(scanSnapshots))).flat() : [])];
  const run = deliveryRun(config, env, known, { resend: Boolean(args.resend), dryRun: Boolean(args.dryRun) }, io, log);
  // a dry run writes nothing; a real one records delivery.json in snapshots a build may be replacing
  const { outcomes, error } = args.dryRun ? await deliverDirs(dirs, run) : await underOutputLock(config, io, () => deliverDirs(dirs, run));
  if (args.json) {
    io.stdout(toJson({ ok: error === null, exitCode: error?.exitCode ?? EXIT.ok, dryRun: Boolean(args.dryRun), deliveries: outcomes.map((o) => outcomeJson(o, io)), error: error?.message ?? null }).trimEnd());
  }
  if (error) {
    io.stderr(`svreport: error: ${error.message}`);
    return error.exitCode;
  }
  return EXIT.ok;
}

/** `work` holding the lock of the config's output root, as a build does (waiting as long). */
function underOutputLock<T>(config: Config, io: Io, work: () => Promise<T>): Promise<T> {
  const dir = config.output.dir;
  return withOutputLock(outputRoot(dir), rootIsSnapshotOf(dir), lockWaitMs(io.env) ?? LOCK_WAIT_MS, work);
}

/** SVREPORT_LOCK_WAIT_MS: how long a build or a send waits for another run's lock on its output root. */
function lockWaitMs(env: NodeJS.ProcessEnv): number | undefined {
  const raw = env.SVREPORT_LOCK_WAIT_MS?.trim();
  if (!raw) return undefined;
  if (!/^\d{1,9}$/.test(raw)) throw usageError(`SVREPORT_LOCK_WAIT_MS must be a whole number of milliseconds (got "${raw}").`);
  return Number(raw);
}

async function runValidate(args: CommonArgs, io: Io): Promise<number> {
  const config = await configFrom(args, io);
  const read = await readInputs(config, { display: (p) => display(io, p), tuning: tuningFromEnv(io.env) });
  // what the build would stop on, validate stops on, with the same sentence and exit code
  const unsplittable = splitByProblem(config, read.dataset);
  if (unsplittable) throw unsplittable;
  const report = describeValidation(config, read.dataset, read.displayPath, read.warnings);
  if (args.json) io.stdout(toJson(report.json).trimEnd());
  else if (!args.quiet) io.stdout(report.text);
  return EXIT.ok;
}

async function runInit(dir: string, force: boolean, quiet: boolean, io: Io): Promise<number> {
  const target = join(resolve(io.cwd, dir), 'report.config.yaml');
  if (!force && (await stat(target).catch(() => null))) {
    throw usageError(`${display(io, target)} already exists; use --force to overwrite it.`);
  }
  await mkdir(resolve(io.cwd, dir), { recursive: true });
  await writeFile(target, STARTER_CONFIG);
  if (!quiet) io.stderr(`svreport: wrote ${display(io, target)}; edit input.path, then run svreport build.`);
  return EXIT.ok;
}

/** Exit codes of a run stopped by a signal (128 + its number, the shell convention). */
const SIGNAL_EXIT = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129, SIGQUIT: 131, SIGUSR2: 140, SIGALRM: 142 } as const;

/**
 * Signals that end a process: remove the staged folders (the earlier snapshots stay as they
 * were) and release the output lock, then exit; the exit handler of the PDF printer kills the
 * browser and removes its profile. Registered before any browser starts, so this runs ahead of
 * puppeteer's own signal handlers. (SIGKILL cannot be caught: the next run recovers its leftovers.)
 */
function handleSignals(): void {
  for (const [signal, code] of Object.entries(SIGNAL_EXIT)) {
    process.once(signal, () => {
      const removed = abortAllSync();
      releaseLocksSync();
      process.stderr.write(`\nsvreport: interrupted by ${signal}${removed ? `; ${removed} unfinished snapshot(s) discarded, earlier ones untouched` : ''}.\n`);
      process.exit(code);
    });
  }
}

let builtOk = false;

/**
 * True once a `build` succeeded in this process: it ran nearly every function of the CLI, so
 * bin/bundle.mjs keeps V8's code cache of that run (a `--version` or a failed run ran a few).
 */
export const completedBuild = (): boolean => builtOk;

/** Entry point for bin/svreport.js. */
export async function run(): Promise<void> {
  handleSignals();
  const code = await main({
    argv: hideBin(process.argv),
    cwd: process.cwd(),
    env: process.env,
    stdout: (s) => process.stdout.write(s + '\n'),
    stderr: (s) => process.stderr.write(s + '\n'),
    now: () => Date.now(),
    tty: process.stderr.isTTY ? { write: (s) => process.stderr.write(s), columns: process.stderr.columns } : null,
  });
  process.exitCode = code;
  // The command is over (files in place, browser closed, its profile removed): end now instead of
  // waiting for timers a package left running (puppeteer waits ~0.1 s for a frame swap after its
  // browser disconnects). What was written to stdout and stderr goes out first: on some systems
  // writes to a pipe complete later.
  await Promise.all([drained(process.stdout), drained(process.stderr)]);
  process.exit(code);
}

const drained = (stream: NodeJS.WriteStream): Promise<void> => new Promise((done) => stream.write('', () => done()));
