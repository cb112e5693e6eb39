// Snapshot folders written all-or-nothing: a report's files go to a hidden staging folder next
// to the target, the manifest last, and the folder is swapped into place with renames. An
// interrupted or failed run therefore never leaves a half-written snapshot or breaks a good one.
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, renameSync, rmSync } from 'node:fs';
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { ReportError, EXIT } from '../errors.ts';
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

/** Temporary files (e.g. index.html.partial-PID) that `abortAllSync` removes on an interrupt. */
export function trackTempFile(path: string): () => void {
  liveFiles.add(path);
  return () => void liveFiles.delete(path);
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

/** A report folder being written. `commit()` swaps it into place; `abort()` leaves no trace. */
export class StagedDir {
  readonly stage: string;
  private readonly old: string;
  private done = false;
  private constructor(readonly target: string) {
    this.stage = join(dirname(target), `.${basename(target)}.partial-${process.pid}`);
    this.old = join(dirname(target), `.${basename(target)}.old-${process.pid}`);
  }

  static async create(target: string): Promise<StagedDir> {
    const staged = new StagedDir(target);
    const parent = dirname(target);
    try {
      await mkdir(parent, { recursive: true });
      const existing = await stat(target).catch(() => null);
      if (existing && !existing.isDirectory()) throw new Error(`${target} exists and is not a folder`);
      await rm(staged.stage, { recursive: true, force: true });
      await mkdir(staged.stage);
    } catch (err) {
      throw outputError(target, err);
    }
    live.add(staged);
    return staged;
  }

  path(name: string): string {
    return join(this.stage, name);
  }

  async write(name: string, data: string | Uint8Array): Promise<void> {
    try {
      await writeFile(this.path(name), data);
    } catch (err) {
      throw outputError(this.path(name), err);
    }
  }

  async files(): Promise<string[]> {
    return (await readdir(this.stage)).sort();
  }

  async commit(): Promise<void> {
    const old = this.old;
    try {
      const existing = await stat(this.target).catch(() => null);
      if (existing) await rename(this.target, old);
      await rename(this.stage, this.target);
      this.done = true;
      live.delete(this);
      if (existing) await rm(old, { recursive: true, force: true });
    } catch (err) {
      // put the previous snapshot back if the swap failed half-way
      if ((await stat(this.target).catch(() => null)) === null && (await stat(old).catch(() => null))) {
        await rename(old, this.target).catch(() => {});
      }
      throw outputError(this.target, err);
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
      // the process is exiting; a leftover hidden folder is skipped by the index and the next run
    }
  }
}

function outputError(path: string, err: unknown): ReportError {
  const code = (err as NodeJS.ErrnoException)?.code;
  const why =
    code === 'EACCES' || code === 'EPERM' ? 'permission denied'
    : code === 'ENOTDIR' || code === 'EEXIST' ? 'a file is in the way'
    : code === 'ENOSPC' ? 'the disk is full'
    : err instanceof Error ? err.message : String(err);
  return new ReportError(EXIT.unexpected, `Cannot write the output ${path}: ${why}.`, [], { cause: err });
}
