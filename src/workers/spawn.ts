// Worker threads for work that would otherwise share the main thread with everything else (the
// machine's other cores). A worker runs one module (see workerModule in paths.ts): its bundle
// as is, or its TypeScript source through src/workers/boot.mjs. The module calls serveWorker(),
// which posts exactly one answer, and the thread ends.
import { Worker, parentPort, workerData } from 'node:worker_threads';
import { ReportError, type ExitCode } from '../errors.ts';
import { BUNDLED } from '../paths.ts';

const BOOT = new URL('./boot.mjs', import.meta.url);

interface Answer<T> {
  ok?: T;
  error?: string;
  exitCode?: ExitCode;
  details?: string[];
}

export interface WorkerRun<T> {
  /** the worker's answer; a ReportError thrown in the worker arrives as the same ReportError */
  result: Promise<T>;
  /** stops the worker (harmless once it answered) */
  terminate(): Promise<void>;
}

export interface WorkerOptions {
  /** ArrayBuffers moved to the worker, not copied */
  transfer?: ArrayBuffer[];
  /** a small young generation keeps a worker that makes short-lived garbage from adding to peak memory */
  youngGenerationMb?: number;
}

/** Starts `module` (a module that calls serveWorker: bundled .mjs, or .ts through tsx) in a worker thread with `input`. */
export function runWorker<T>(module: URL, input: unknown, opts: WorkerOptions = {}): WorkerRun<T> {
  return answerOf<T>(spawn(module, { module: module.href, input }, opts));
}

/** A worker started before its input is known; send() hands the input over (once). */
export interface PrestartedRun<T> extends WorkerRun<T> {
  send(input: unknown, transfer?: ArrayBuffer[]): void;
}

/**
 * Starts `module` now and gives it its input later: the thread's start-up (~50 ms: an isolate and
 * the module's bundle) then overlaps the caller's own work until it knows the input.
 */
export function prestartWorker<T>(module: URL, opts: WorkerOptions = {}): PrestartedRun<T> {
  const worker = spawn(module, { module: module.href, awaitInput: true }, opts);
  return { ...answerOf<T>(worker), send: (input, transfer = []) => worker.postMessage({ input }, transfer) };
}

function spawn(module: URL, workerData: WorkerData, opts: WorkerOptions): Worker {
  return new Worker(BUNDLED ? module : BOOT, {
    workerData,
    transferList: opts.transfer ?? [],
    resourceLimits: opts.youngGenerationMb ? { maxYoungGenerationSizeMb: opts.youngGenerationMb } : undefined,
  });
}

interface WorkerData {
  module: string;
  input?: unknown;
  /** the input comes in the first message instead (prestartWorker) */
  awaitInput?: boolean;
}

function answerOf<T>(worker: Worker): WorkerRun<T> {
  let answered = false;
  const result = new Promise<T>((resolve, reject) => {
    worker.once('message', (m: Answer<T>) => {
      answered = true;
      if (m.error === undefined) resolve(m.ok as T);
      else if (m.exitCode !== undefined) reject(new ReportError(m.exitCode, m.error, m.details ?? []));
      else reject(new Error(m.error));
    });
    worker.once('error', (err) => {
      answered = true;
      reject(err);
    });
    worker.once('exit', (code) => {
      if (!answered) reject(new Error(`a worker thread exited (code ${code}) before it answered`));
    });
  });
  result.catch(() => {}); // the caller awaits it; never an unhandled rejection meanwhile
  return { result, terminate: () => worker.terminate().then(() => {}) };
}

/** Inside a worker: runs `work` on the input, posts its value (and transfers `transfer(value)`). */
export function serveWorker<I, T>(work: (input: I) => Promise<T> | T, transfer: (value: T) => ArrayBuffer[] = () => []): void {
  const port = parentPort;
  if (!port) throw new Error('serveWorker() runs only inside a worker thread');
  const data = workerData as WorkerData;
  const input = data.awaitInput
    ? new Promise<I>((resolve) => port.once('message', (m: { input: I }) => resolve(m.input)))
    : Promise.resolve(data.input as I);
  input
    .then((value) => work(value))
    .then(
      (value) => port.postMessage({ ok: value } satisfies Answer<T>, transfer(value)),
      (err: unknown) => {
        const answer: Answer<T> =
          err instanceof ReportError
            ? { error: err.message, exitCode: err.exitCode, details: err.problems }
            : { error: err instanceof Error ? (err.stack ?? err.message) : String(err) };
        port.postMessage(answer);
      },
    );
}
