// output.keep: after a run's snapshots are in place, the older snapshots of each report beyond the
// newest `keep` are removed. Which ones is a pure choice (choosePrunable); the removal asks
// notOwnSnapshot first and deletes only the files the snapshot's own manifest lists, so a folder
// holding anything of a user's is kept and warned about. Nothing here fails a run: problems are warnings.
import { readdir, rmdir, unlink } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { compareCodePoints } from '../stats/group.ts';
import { byReport, scanArchive, newestFirst, type Ordered } from './archive.ts';
import { outputRoot } from './snapshot.ts';
import type { Logger } from '../log.ts';
import { AFTER_COMMIT_FILES, isAfterCommitTemp, notOwnSnapshot, readOwnManifest } from './owned.ts';

export type Prunable = Ordered & { key: string; dir: string };

/**
 * The snapshots to remove: in each report (`key`), all but the `keep` newest (see newestFirst),
 * except the folders this run just wrote (a backfilled old week stays although older than the
 * `keep` newest). In folder order.
 */
export function choosePrunable<T extends Prunable>(snapshots: readonly T[], keep: number, justWritten: ReadonlySet<string>): T[] {
  const out: T[] = [];
  for (const list of byReport(snapshots).values()) {
    out.push(...[...list].sort(newestFirst).slice(keep).filter((s) => !justWritten.has(resolve(s.dir))));
  }
  return out.sort((a, b) => compareCodePoints(a.href, b.href));
}

export interface PruneResult {
  removed: string[];
  warnings: string[];
}

/** The build's step: output.keep applied under output.dir's root, as a logged stage; the warnings to report. */
export async function pruneOldSnapshots(outputDir: string, keep: number, justWritten: readonly string[], log: Logger): Promise<string[]> {
  const root = outputRoot(outputDir);
  const result = await log.stage('prune', () => pruneSnapshots(root, keep, justWritten), (r) => `${r.removed.length} older snapshot(s) removed (output.keep: ${keep})`);
  return result.warnings;
}

/** Applies output.keep under `root`; `justWritten` are the folders this run committed. Never throws. */
export async function pruneSnapshots(root: string, keep: number, justWritten: readonly string[]): Promise<PruneResult> {
  const result: PruneResult = { removed: [], warnings: [] };
  try {
    const scan = await scanArchive(root);
    if (scan.truncated) {
      // the newest snapshots may be among the folders not looked at: removing by what was seen could keep too few
      result.warnings.push(`output.keep was not applied: ${root} holds more folders than the archive walk looks at.`);
      return result;
    }
    for (const s of choosePrunable(scan.snapshots, keep, new Set(justWritten.map((d) => resolve(d))))) {
      const kept = await removeOwnSnapshot(s.dir);
      if (kept) result.warnings.push(`output.keep: kept ${s.dir} (older than the ${keep} newest of report "${s.id}") because ${kept}.`);
      else result.removed.push(s.dir);
    }
  } catch (err) {
    result.warnings.push(`output.keep: older snapshots under ${root} were not removed: ${err instanceof Error ? err.message : String(err)}.`);
  }
  return result;
}

/**
 * Removes a snapshot folder that is wholly svreport's: the files its manifest lists (the manifest
 * itself last, so a removal cut short is still recognised and finished by the next run), then
 * the empty folder. Returns why it was kept instead, or null once removed.
 */
export async function removeOwnSnapshot(dir: string): Promise<string | null> {
  const why = await notOwnSnapshot(dir);
  if (why) return why;
  const manifest = await readOwnManifest(dir);
  if (!manifest) return 'its manifest.json changed while it was being removed';
  try {
    const leftovers = (await readdir(dir)).filter(isAfterCommitTemp);
    for (const name of new Set([...manifest.files.map((f) => f.name), ...AFTER_COMMIT_FILES, ...leftovers])) {
      if (name !== 'manifest.json') await unlinkIfThere(join(dir, name));
    }
    await unlinkIfThere(join(dir, 'manifest.json'));
    await rmdir(dir); // never recursive: a file that appeared meanwhile stays, and so does its folder
    return null;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return code === 'ENOTEMPTY' || code === 'EEXIST' ? 'a file appeared in it while it was being removed' : `it could not be removed (${code ?? String(err)})`;
  }
}

async function unlinkIfThere(path: string): Promise<void> {
  await unlink(path).catch((err: NodeJS.ErrnoException) => {
    if (err.code !== 'ENOENT') throw err;
  });
}
