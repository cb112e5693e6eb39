// Snapshot folders written all-or-nothing: a report's files go to a hidden staging folder next
// to the target (a random name, our marker inside), the manifest last, and the folder is swapped
// into place with renames. What may be written where is decided here: never over a folder
// svreport cannot prove it wrote (owned.ts), never at `/`, the working directory, the config's or
// the input's folder or a parent of one; and what a killed run left is recovered by the next.
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, renameSync, rmSync } from 'node:fs';
import { lstat, mkdir, readdir, realpath, rename, rm, rmdir, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { ReportError, EXIT } from '../errors.ts';
import { STAGING_MARKER, isLeftoverStaging, markerText, newToken, notOwnSnapshot, notReplaceable, readOwnMarker } from './owned.ts';
import { safeSegment } from './names.ts';

const TOKEN = /\{(report|period|date)\}/g;

/** The output folder of one report: `{report}`, `{period}` and `{date}` replaced by safe path parts. */
export function resolveOutputDir(template: string, values: { report: string; period: string; date: string }): string {
  return template.replace(TOKEN, (_, key: 'report' | 'period' | 'date') => safeSegment(values[key]));
}

/** Where output.dir's fixed part ends: the folder before its first token (all of it without tokens). */
function rootCut(template: string): number {
  const i = template.indexOf('{');
  return i === -1 ? template.length : template.slice(0, i).lastIndexOf('/') + 1;
}

/** output.dir without a token names one folder, which is both the output root and the report's snapshot. */
export const rootIsSnapshotOf = (template: string): boolean => !template.includes('{');

/** The fixed folder of output.dir, before its first token: where `--out` points and index.html lives. */
export function outputRoot(template: string): string {
  return template.slice(0, rootCut(template)).replace(/\/+$/, '') || '.';
}

/** output.dir with its fixed folder replaced (`--out DIR`): `out/{report}` becomes `DIR/{report}`. */
export function replaceOutputRoot(template: string, root: string): string {
  return join(root, template.slice(rootCut(template)));
}

/** A path segment made only of safe characters (untrusted values such as creator names end up here). */
export { safeSegment } from './names.ts';

export interface FileEntry {
  name: string;
  bytes: number;
  sha256: string;
}

export async function fileEntry(dir: string, name: string): Promise<FileEntry> {
  const path = join(dir, name);
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(path)) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { name, bytes, sha256: hash.digest('hex') };
}

/** Staged folders and temporary files not yet committed or removed: what a signal must clean up. */
const live = new Set<StagedDir>();
const liveFiles = new Set<string>();

/**
 * Registers a temporary file (e.g. index.html.partial-PID) that `abortAllSync` removes on an
 * interrupt. The function returned forgets it, removing it if it is still there (a write that
 * failed half-way leaves no temporary file).
 */
export function trackTempFile(path: string): () => void {
  liveFiles.add(path);
  return () => {
    if (!liveFiles.delete(path)) return;
    try {
      rmSync(path, { force: true });
    } catch {
      // not ours to worry about any more: the write already reported its own failure
    }
  };
}

/**
 * On SIGINT/SIGTERM, synchronously (the process exits right after): removes every staged folder
 * and temporary file, and puts a previous snapshot back if a swap was interrupted half-way.
 * Returns how many staged folders were removed.
 */
export function abortAllSync(): number {
  let n = 0;
  for (const s of live) {
    s.abortSync();
    n++;
  }
  for (const f of liveFiles) rmSync(f, { force: true });
  liveFiles.clear();
  return n;
}

const PARTIAL = /^\.(.+)\.partial-[0-9a-f]+$/;
const OLD = /^\.(.+)\.old-[0-9a-f]+$/;

/** A report folder being written. `commit()` swaps it into place; `abort()` leaves no trace. */
export class StagedDir {
  readonly stage: string;
  /** where the previous snapshot waits during the swap (an instant) */
  readonly old: string;
  private done = false;
  private constructor(
    readonly target: string,
    private readonly opts: { isOutputRoot?: boolean; key?: string },
  ) {
    const id = newToken(); // random: pids repeat across containers sharing a folder
    this.stage = join(dirname(target), `.${basename(target)}.partial-${id}`);
    this.old = join(dirname(target), `.${basename(target)}.old-${id}`);
  }

  /**
   * Stages a new snapshot for `target`; refuses (exit 2) when something svreport did not write is
   * there. `isOutputRoot`: the target is also the output root (output.dir without a token), so
   * index.html inside it is ours.
   */
  static async create(target: string, opts: { isOutputRoot?: boolean; key?: string } = {}): Promise<StagedDir> {
    await assertReplaceable(target, opts);
    const staged = new StagedDir(target, opts);
    try {
      await mkdir(dirname(target), { recursive: true });
      // known to the signal handler before it exists: a signal can be handled between the mkdir
      // and this thread seeing it done (abortSync's rm tolerates a folder not there yet)
      live.add(staged);
      await mkdir(staged.stage);
      await writeFile(join(staged.stage, STAGING_MARKER), markerText(newToken()));
    } catch (err) {
      await staged.abort();
      throw outputError(target, err);
    }
    return staged;
  }

  path(name: string): string {
    return join(this.stage, name);
  }

  async write(name: string, data: string | Uint8Array): Promise<void> {
    try {
      await writeFile(this.path(name), data);
    } catch (err) {
      throw outputError(join(this.target, name), err); // named where it goes, not by its staging folder
    }
  }

  /** The files written so far (the staging marker is not one of them). */
  async files(): Promise<string[]> {
    return (await readdir(this.stage)).filter((f) => f !== STAGING_MARKER).sort();
  }

  /**
   * Swaps the staged folder into place. The target is checked again first (a file a user put
   * there meanwhile stops the commit). Returns a warning when the previous snapshot, already
   * replaced, could not be removed (the next run removes it).
   */
  async commit(): Promise<string | null> {
    const old = this.old;
    await assertReplaceable(this.target, this.opts);
    let existing = false;
    try {
      await rm(join(this.stage, STAGING_MARKER), { force: true });
      existing = (await lstat(this.target).catch(() => null)) !== null;
      if (existing) await rename(this.target, old);
      await rename(this.stage, this.target);
      this.done = true;
      live.delete(this);
    } catch (err) {
      // put the previous snapshot back if the swap failed half-way
      if (existing && !existsSync(this.target) && existsSync(old)) await rename(old, this.target).catch(() => {});
      throw outputError(this.target, err);
    }
    if (!existing) return null;
    try {
      await removeOwned(old, 'manifest.json');
      return null;
    } catch (err) {
      return `The previous snapshot was replaced, but its copy ${old} could not be removed (${why(err)}); the next run removes it.`;
    }
  }

  async abort(): Promise<void> {
    live.delete(this);
    if (!this.done) await rm(this.stage, { recursive: true, force: true }).catch(() => {});
    this.done = true;
  }

  /** abort() for a signal handler: synchronous, and undoes a swap stopped between its renames. */
  abortSync(): void {
    live.delete(this);
    if (this.done) return;
    this.done = true;
    try {
      if (!existsSync(this.target) && existsSync(this.old)) renameSync(this.old, this.target);
      rmSync(this.stage, { recursive: true, force: true });
    } catch {
      // the process is exiting; the next run recovers what is left (recoverLeftovers)
    }
  }
}

// ---
// Where svreport may write

/**
 * Refuses (exit 2) a report folder that exists and is not a snapshot svreport wrote, so a user's
 * folder is never replaced; a file in the way is an output error (exit 1). Nothing is changed.
 */
export async function assertReplaceable(target: string, opts: { isOutputRoot?: boolean; key?: string } = {}): Promise<void> {
  const st = await lstat(target).catch(() => null);
  if (!st) return;
  const key = opts.key ?? 'output.dir';
  if (st.isSymbolicLink()) throw notOurs(target, 'it is a symbolic link, which svreport did not make', key);
  if (!st.isDirectory()) throw outputError(target, new Error('it exists and is not a folder'));
  let reason: string | null;
  try {
    reason = await notReplaceable(target, { outputRoot: opts.isOutputRoot });
  } catch (err) {
    throw outputError(target, err);
  }
  if (reason) throw notOurs(target, reason, key);
}

const notOurs = (target: string, reason: string, key: string) =>
  new ReportError(EXIT.usage, `Refusing to replace ${target}: ${reason}; move it away or point ${key} to another folder (nothing was changed).`);

/** The folders a write target must never be nor contain, named for the message. */
export interface ProtectedDir {
  path: string;
  what: string; // e.g. "the working directory"
}

/**
 * Refuses (exit 2) a write target that is `/`, a protected folder or a parent of one, comparing
 * both the paths as given and as the file system resolves them (symlinks included).
 */
export async function assertSafeTarget(target: string, protect: ProtectedDir[], key: string): Promise<void> {
  const forms = [resolve(target), await realPathOf(target)];
  const fail = (what: string) =>
    new ReportError(EXIT.usage, `${key} points to ${target}, which is ${what}; svreport replaces the folders it writes, so give ${key} a folder of its own (e.g. out/{report}).`);
  if (forms.some((f) => f === sep)) throw fail('the root of the file system');
  for (const p of protect) {
    const pForms = [resolve(p.path), await realPathOf(p.path)];
    for (const t of forms) {
      for (const q of pForms) {
        if (t === q) throw fail(p.what);
        if (q.startsWith(t.endsWith(sep) ? t : t + sep)) throw fail(`a parent of ${p.what}`);
      }
    }
  }
}

/** The path as the file system resolves it: the real path of its deepest existing folder, then the rest. */
async function realPathOf(path: string): Promise<string> {
  const abs = resolve(path);
  try {
    return await realpath(abs);
  } catch {
    const parent = dirname(abs);
    return parent === abs ? abs : join(await realPathOf(parent), basename(abs));
  }
}

// ---
// Recovery of what a killed run left (run under the output lock)

const MAX_RECOVERY_DEPTH = 6;
const MAX_RECOVERY_DIRS = 20_000;

/**
 * Puts back a previous snapshot whose swap was cut between its two renames (`.<name>.old-*`
 * with `<name>` missing), removes copies whose swap completed and staging folders that are
 * provably ours (marker, or a whole snapshot of ours). Looks under the output root and, for a
 * root that is itself a report's folder, beside it. Returns one line per action, for the log.
 */
export async function recoverLeftovers(root: string, opts: { rootIsSnapshot: boolean }): Promise<string[]> {
  const done: string[] = [];
  const dirs: string[] = [];
  let visited = 0;
  const walk = async (dir: string, depth: number): Promise<void> => {
    if (++visited > MAX_RECOVERY_DIRS) return;
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    if (entries.some((e) => e.isDirectory() && (PARTIAL.test(e.name) || OLD.test(e.name)))) dirs.push(dir);
    if (depth >= MAX_RECOVERY_DEPTH) return;
    for (const e of entries) if (e.isDirectory() && !e.name.startsWith('.')) await walk(join(dir, e.name), depth + 1);
  };
  await walk(root, 0);
  for (const dir of dirs) await recoverIn(dir, () => true, root, done);
  if (opts.rootIsSnapshot) await recoverIn(dirname(root), (name) => name === basename(root), root, done);
  return done;
}

async function recoverIn(dir: string, forName: (name: string) => boolean, root: string, done: string[]): Promise<void> {
  const entries = (await readdir(dir, { withFileTypes: true }).catch(() => [])).filter((e) => e.isDirectory());
  // old copies first: one whose target is missing goes back before anything else is removed
  for (const e of entries.filter((x) => OLD.test(x.name)).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const name = OLD.exec(e.name)![1];
    if (!forName(name)) continue;
    const target = join(dir, name);
    const copy = join(dir, e.name);
    if ((await notOwnSnapshot(copy, { outputRoot: target === root })) !== null) continue; // not provably ours: left alone
    if (!existsSync(target)) {
      await rename(copy, target);
      done.push(`restored ${target} from ${copy}, left by an interrupted run`);
    } else {
      await removeOwned(copy, 'manifest.json');
      done.push(`removed ${copy}, the previous snapshot of a run that was interrupted after replacing it`);
    }
  }
  for (const e of entries.filter((x) => PARTIAL.test(x.name))) {
    if (!forName(PARTIAL.exec(e.name)![1])) continue;
    const stage = join(dir, e.name);
    if (!(await isLeftoverStaging(stage))) {
      // a run killed between the folder's mkdir and its marker leaves it empty, or holding only a
      // marker cut short (writeFile creates the file before it writes): nothing but that file can
      // go, and rmdir removes only an empty folder (we hold the lock: no run is staging here)
      if (await isUnfinishedMarkerOnly(stage)) await unlink(join(stage, STAGING_MARKER)).catch(() => {});
      if (await rmdir(stage).then(() => true, () => false)) done.push(`removed ${stage}, the empty staging folder of an interrupted run`);
      continue;
    }
    await removeOwned(stage, STAGING_MARKER);
    done.push(`removed ${stage}, the unfinished snapshot of an interrupted run`);
  }
}

/** The folder holds nothing but a staging marker too short or cut to be read (at most a marker's size). */
async function isUnfinishedMarkerOnly(stage: string): Promise<boolean> {
  const names = await readdir(stage).catch(() => [] as string[]);
  if (names.length !== 1 || names[0] !== STAGING_MARKER) return false;
  const st = await lstat(join(stage, STAGING_MARKER)).catch(() => null);
  // a marker that reads is a run's own (isLeftoverStaging judged it: alive, so it stays)
  return st !== null && st.isFile() && st.size <= 4096 && (await readOwnMarker(join(stage, STAGING_MARKER))) === null;
}

/**
 * Removes a folder of ours with the file that proves it ours (its manifest, its marker) last:
 * a removal that fails half-way leaves a folder the next run still recognises and removes.
 */
async function removeOwned(dir: string, proof: string): Promise<void> {
  for (const name of await readdir(dir)) if (name !== proof) await rm(join(dir, name), { recursive: true, force: true });
  await rm(join(dir, proof), { force: true });
  await rm(dir, { recursive: true, force: true });
}

// ---

/** An output path that cannot be written, as one sentence naming it (exit 1). */
export function outputError(path: string, err: unknown): ReportError {
  return new ReportError(EXIT.unexpected, `Cannot write the output ${path}: ${why(err)}.`, [], { cause: err });
}

/** errno codes as the reason of a sentence. */
export function why(err: unknown): string {
  const code = (err as NodeJS.ErrnoException)?.code;
  return code === 'EACCES' || code === 'EPERM' ? 'permission denied'
    : code === 'ENOTDIR' || code === 'EEXIST' ? 'a file is in the way'
    : code === 'EISDIR' || code === 'ENOTEMPTY' ? 'a folder is in the way'
    : code === 'ENOSPC' ? 'the disk is full'
    : code === 'EDQUOT' ? 'the disk quota is exceeded'
    : code === 'EROFS' ? 'the file system is read-only'
    : code === 'ENOENT' ? 'a folder on its path does not exist'
    : code === 'ENAMETOOLONG' ? 'the name is too long'
    : code === 'EIO' ? 'an input/output error of the disk'
    : err instanceof Error ? err.message.split('\n')[0].replace(/[.\s]+$/, '') : String(err);
}
