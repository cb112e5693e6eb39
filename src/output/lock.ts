// The lock that serialises runs writing into one output root: a file created with O_EXCL that
// names its holder (host, pid, a random token, start time) and is touched while the run lives,
// so the lock of a killed run is recognised (its pid gone on this host, or not touched for
// STALE_MS) and taken over, and a run whose lock was taken over finds out before it commits.
import { rmSync, readFileSync } from 'node:fs';
import { link, open, readFile, rename, stat, unlink, utimes } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { lstat } from 'node:fs/promises';
import { ReportError, EXIT } from '../errors.ts';
import { markerText, newToken, parseOwnMarker, runIsGone, type OwnMarker } from './owned.ts';

/** How often a held lock is touched. */
const REFRESH_MS = 5_000;
/** A lock not touched for this long belongs to a run that is gone (a dozen missed refreshes). */
export const STALE_MS = 60_000;
const POLL_MS = 100;

/** Locks this process holds: a signal handler releases them (see releaseLocksSync). */
const held = new Set<OutputLock>();

/** How long a run waits for another run's lock on the same output root, unless told otherwise. */
export const LOCK_WAIT_MS = 120_000;

/** Where the lock of an output root lives: inside it, or beside it when the root is itself a report's folder. */
export function lockPathFor(root: string, rootIsSnapshot: boolean): string {
  return rootIsSnapshot ? join(dirname(root), `.${basename(root)}.svreport.lock`) : join(root, '.svreport.lock');
}

export class OutputLock {
  #timer: NodeJS.Timeout | null = null;
  #released = false;
  private constructor(
    readonly path: string,
    readonly token: string,
  ) {}

  /**
   * Takes the lock at `path`, waiting up to `waitMs` for another run to release it. A lock whose
   * run is gone is taken over at once (same host, pid not running) or once it is stale.
   */
  static async acquire(path: string, opts: { waitMs: number; staleMs?: number; now?: () => number }): Promise<OutputLock> {
    const now = opts.now ?? Date.now;
    const staleMs = opts.staleMs ?? STALE_MS;
    const deadline = now() + opts.waitMs;
    const token = newToken();
    for (;;) {
      if (await tryCreate(path, token)) {
        const lock = new OutputLock(path, token);
        lock.#timer = setInterval(() => void lock.#touch(), REFRESH_MS);
        lock.#timer.unref();
        held.add(lock);
        return lock;
      }
      const holder = await readHolder(path);
      // (a lock without a readable holder may be one being written: only its age makes it stale)
      if (holder && (now() - holder.touchedAt > staleMs || (holder.marker !== null && runIsGone(holder.marker)))) {
        await takeOver(path, holder.text);
        continue;
      }
      if (now() >= deadline) throw busy(path, holder?.marker ?? null, opts.waitMs);
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }

  /** Throws when the lock is no longer this run's (another run took it over as stale). */
  async verify(): Promise<void> {
    const text = await readFile(this.path, 'utf8').catch(() => '');
    if (parseOwnMarker(text)?.token !== this.token) {
      throw new ReportError(EXIT.unexpected, `The lock ${this.path} was taken over by another run while this one was working; nothing was replaced.`);
    }
  }

  async release(): Promise<void> {
    if (this.#released) return;
    this.#stop();
    const text = await readFile(this.path, 'utf8').catch(() => '');
    if (parseOwnMarker(text)?.token === this.token) await unlink(this.path).catch(() => {});
  }

  /** release() for a signal handler. */
  releaseSync(): void {
    if (this.#released) return;
    this.#stop();
    try {
      if (parseOwnMarker(readFileSync(this.path, 'utf8'))?.token === this.token) rmSync(this.path, { force: true });
    } catch {
      // gone already
    }
  }

  #stop(): void {
    this.#released = true;
    held.delete(this);
    if (this.#timer) clearInterval(this.#timer);
  }

  async #touch(): Promise<void> {
    try {
      const text = await readFile(this.path, 'utf8');
      if (parseOwnMarker(text)?.token !== this.token) return; // taken over: verify() reports it
      const t = new Date();
      await utimes(this.path, t, t);
    } catch {
      // removed meanwhile: verify() reports it
    }
  }
}

/** Releases every lock of this process, synchronously (a signal is ending it). */
export function releaseLocksSync(): void {
  for (const lock of held) lock.releaseSync();
}

async function tryCreate(path: string, token: string): Promise<boolean> {
  let fh;
  try {
    fh = await open(path, 'wx', 0o644);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
  try {
    await fh.writeFile(markerText(token));
    await fh.close();
  } catch (err) {
    await fh.close().catch(() => {});
    await unlink(path).catch(() => {});
    throw err;
  }
  return true;
}

async function readHolder(path: string): Promise<{ text: string; marker: OwnMarker | null; touchedAt: number } | null> {
  try {
    const [text, st] = await Promise.all([readFile(path, 'utf8'), stat(path)]);
    return { text, marker: parseOwnMarker(text), touchedAt: st.mtimeMs };
  } catch {
    return null; // released meanwhile
  }
}

/**
 * Moves a stale lock out of the way. Another waiter may have replaced it with a fresh lock of its
 * own in between: then the fresh one is put back (link() never overwrites), and should a third
 * run have created one meanwhile, the second run's verify() before its commit finds its lock gone.
 */
async function takeOver(path: string, staleText: string): Promise<void> {
  const aside = `${path}.stale-${newToken()}`;
  try {
    await rename(path, aside);
  } catch {
    return; // released or taken over meanwhile
  }
  const text = await readFile(aside, 'utf8').catch(() => staleText);
  if (text !== staleText) await link(aside, path).catch(() => {});
  await unlink(aside).catch(() => {});
}

function busy(path: string, holder: OwnMarker | null, waitMs: number): ReportError {
  const who = holder ? `process ${holder.pid} on ${holder.host}, since ${holder.createdAt}` : 'a run that is still writing it';
  return new ReportError(
    EXIT.unexpected,
    `Another svreport run holds the lock ${path} (${who}) and did not release it within ${Math.round(waitMs / 1000)} s; run again when it has finished, or delete the file if no run is writing there.`,
  );
}

/**
 * Runs `work` holding the lock of an output root (`svreport send` writes delivery.json into its
 * snapshots, which a build running at the same time may be replacing). A root that does not exist
 * holds no snapshot a build could be replacing: the work runs without a lock.
 */
export async function withOutputLock<T>(root: string, rootIsSnapshot: boolean, waitMs: number, work: () => Promise<T>): Promise<T> {
  const path = lockPathFor(root, rootIsSnapshot);
  if (!(await lstat(dirname(path)).then((st) => st.isDirectory(), () => false))) return work();
  const lock = await OutputLock.acquire(path, { waitMs });
  try {
    return await work();
  } finally {
    await lock.release();
  }
}
