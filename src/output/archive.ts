// The archive under an output root: the snapshots svreport wrote (readOwnManifest decides), found
// by a bounded walk and reduced to a few bounded fields, in one order (newest first) that the
// archive page and output.keep share. A planted, foreign or damaged manifest, a symlink loop or
// a huge tree costs at most the limits below, never memory or time in proportion to it.
import { createHash } from 'node:crypto';
import { opendir } from 'node:fs/promises';
import { join } from 'node:path';
import { compareCodePoints } from '../stats/group.ts';
import { readOwnManifest, type OwnManifest } from './owned.ts';

/** How far the walk goes: the tokens of output.dir nest 1-3 folders deep; a project root is wide. */
export const WALK_LIMITS = { depth: 4, folders: 5000, entriesPerFolder: 5000 };
/** Code points kept of each text shown (titles run long; the rest of a value is not needed). */
export const TEXT_LIMITS = { title: 120, id: 100, period: 40 };
/** The headline KPIs a manifest stores (headlineKpis in json.ts), in the order the page shows them. */
export const KPI_KEYS = ['videos', 'totalViews', 'medianEngagementRate', 'medianViews', 'highViralPotentialShare'] as const;
export type KpiKey = (typeof KPI_KEYS)[number];
/** The files of a snapshot the archive page links to. */
export const LINKED_FILES = ['report.html', 'report.pdf', 'metrics.json', 'filtered.csv'] as const;

export interface ArchivedSnapshot {
  /** the folder, joined onto the root as given */
  dir: string;
  /** the folder relative to the root, with `/` ('' for the root itself) */
  href: string;
  /** the report id, exact when short, else a hash of it: what groups a report's snapshots */
  key: string;
  id: string;
  title: string;
  period: { label: string; from: string | null; to: string | null };
  generatedAt: string;
  kpis: Record<KpiKey, number | null>;
  /** the LINKED_FILES the manifest lists */
  files: string[];
}

export interface ArchiveScan {
  snapshots: ArchivedSnapshot[];
  /** a limit of the walk was reached: some folders were not looked at */
  truncated: boolean;
}

/** Every own snapshot under `root`, newest first (see newestFirst). Never throws for what it finds. */
export async function scanArchive(root: string, limits = WALK_LIMITS): Promise<ArchiveScan> {
  const snapshots: ArchivedSnapshot[] = [];
  let folders = 0;
  let truncated = false;
  async function walk(dir: string, href: string, depth: number): Promise<void> {
    folders++;
    const entries = await listFolder(dir, limits.entriesPerFolder);
    if (entries.more) truncated = true;
    if (entries.files.includes('manifest.json')) {
      const manifest = await readOwnManifest(dir);
      if (manifest) snapshots.push(archivedSnapshot(manifest, dir, href));
    }
    // a snapshot's folder is walked too: an old-layout snapshot (out/report/) can hold new ones
    if (depth >= limits.depth) return;
    for (const name of entries.folders) {
      if (folders >= limits.folders) {
        truncated = true;
        return;
      }
      await walk(join(dir, name), href ? `${href}/${name}` : name, depth + 1);
    }
  }
  await walk(root, '', 0);
  return { snapshots: snapshots.sort(newestFirst), truncated };
}

/**
 * Up to `max` entries of a folder, sorted: its plain files, and the folders worth walking (no
 * symbolic link, whatever it points to; no hidden folder, which is where staging and VCS data
 * live; no node_modules). `more` when the folder holds more entries than that.
 */
async function listFolder(dir: string, max: number): Promise<{ files: string[]; folders: string[]; more: boolean }> {
  const files: string[] = [];
  const folders: string[] = [];
  let seen = 0;
  let more = false;
  try {
    const handle = await opendir(dir, { bufferSize: 256 });
    try {
      for (let e = await handle.read(); e !== null; e = await handle.read()) {
        if (++seen > max) {
          more = true;
          break;
        }
        if (e.isFile()) files.push(e.name);
        else if (e.isDirectory() && !e.name.startsWith('.') && e.name !== 'node_modules') folders.push(e.name);
      }
    } finally {
      await handle.close().catch(() => {});
    }
  } catch {
    // gone, unreadable or not a folder: nothing of ours to list there
  }
  return { files, folders: folders.sort(compareCodePoints), more };
}

/** The bounded view of an own manifest (its text values clipped, its KPIs finite or null). */
export function archivedSnapshot(m: OwnManifest, dir: string, href: string): ArchivedSnapshot {
  const period = typeof m.period === 'object' && m.period !== null ? (m.period as Record<string, unknown>) : {};
  const kpis = typeof m.kpis === 'object' && m.kpis !== null ? (m.kpis as Record<string, unknown>) : {};
  const listed = new Set(m.files.map((f) => f.name));
  return {
    dir,
    href,
    key: reportKey(m.report.id),
    id: clipText(m.report.id, TEXT_LIMITS.id),
    title: clipText(typeof m.report.title === 'string' ? m.report.title : '', TEXT_LIMITS.title),
    period: { label: clipText(period.label, TEXT_LIMITS.period), from: isoDay(period.from), to: isoDay(period.to) },
    generatedAt: typeof m.generatedAt === 'string' && m.generatedAt.length <= 40 && !Number.isNaN(Date.parse(m.generatedAt)) ? m.generatedAt : '',
    kpis: Object.fromEntries(KPI_KEYS.map((k) => [k, finite(kpis[k])])) as Record<KpiKey, number | null>,
    files: LINKED_FILES.filter((f) => listed.has(f)),
  };
}

/** A report id as a grouping key: itself when of a sane length, else its hash (exact, but bounded). */
function reportKey(id: string): string {
  return id.length <= 256 ? id : `sha256:${createHash('sha256').update(id).digest('hex')}`;
}

const finite = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const isoDay = (v: unknown): string | null => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : null);

/**
 * Text for display: control characters as spaces, at most `max` code points (a surrogate pair
 * is never cut), an ellipsis when cut. Not a string: ''.
 */
export function clipText(value: unknown, max: number): string {
  if (typeof value !== 'string') return '';
  let out = '';
  let n = 0;
  for (const ch of value) {
    if (n === max) return out.trimEnd() + '…';
    out += /\p{Cc}/u.test(ch) ? ' ' : ch;
    n++;
  }
  return out;
}

/** Snapshots by report (`key`), each list in the order given, the reports in order of first appearance. */
export function byReport<T extends { key: string }>(snapshots: readonly T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const s of snapshots) {
    const list = groups.get(s.key);
    if (list) list.push(s);
    else groups.set(s.key, [s]);
  }
  return groups;
}

/** The fields the archive order needs (hand-made lists in tests give just these). */
export type Ordered = Pick<ArchivedSnapshot, 'href' | 'generatedAt'> & { period: { to: string | null } };

/**
 * Newest first: by the period's end date (a backfilled week sorts by its week, not by when it
 * was rebuilt), then by generation instant, then by folder; a missing date or time sorts last.
 */
export function newestFirst(a: Ordered, b: Ordered): number {
  const to = (s: Ordered) => s.period.to ?? '';
  const at = (s: Ordered) => (s.generatedAt ? Date.parse(s.generatedAt) : -Infinity);
  return compareCodePoints(to(b), to(a)) || at(b) - at(a) || compareCodePoints(a.href, b.href);
}
