// What svreport can prove it wrote: a snapshot folder is ours only when it holds a manifest.json
// that svreport wrote (bounded in size, the right shape, our generator name) and nothing else but
// the files that manifest lists and the ones svreport adds after the commit (delivery.json); a
// staging folder or browser profile is ours when it carries our marker file. Everything that
// removes, replaces or lists a snapshot, or cleans up after a killed run, asks here first.
import { randomBytes } from 'node:crypto';
import { readlinkSync } from 'node:fs';
import { hostname } from 'node:os';
import { lstat, open, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';

export const GENERATOR_NAME = 'short-video-report';
/** A manifest lists a handful of files; anything larger was not written by svreport. */
export const MAX_MANIFEST_BYTES = 256 * 1024;
/** Files svreport writes into a snapshot after its manifest (so the manifest cannot list them). */
export const AFTER_COMMIT_FILES: readonly string[] = ['delivery.json'];

/**
 * The temporary name an after-commit file has while it is written (`.delivery.json.partial-<token>`):
 * a run killed at that moment leaves it, and it is ours to remove with its snapshot.
 */
export function isAfterCommitTemp(name: string): boolean {
  const m = /^\.(.+)\.partial-[0-9a-f]{16}$/.exec(name);
  return m !== null && AFTER_COMMIT_FILES.includes(m[1]);
}

/** Files svreport writes into the output root, which is also the snapshot when output.dir has no token. */
export const OUTPUT_ROOT_FILES: readonly string[] = ['index.html'];

export interface OwnManifest {
  schemaVersion: string;
  generator: { name: string; version: string };
  generatedAt: string;
  report: { id: string; title: string };
  period: { from: string | null; to: string | null; label: string };
  input: { path: string; sha256: string; bytes: number };
  configHash: string;
  kpis: Record<string, number | null>;
  files: { name: string; bytes: number; sha256: string }[];
  /** the rest as written (rows, ...), unchecked */
  [key: string]: unknown;
}

const isStr = (v: unknown): v is string => typeof v === 'string';
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The text of a regular file (never through a symlink) of at most `max` bytes, else null. */
async function readBounded(path: string, max: number): Promise<string | null> {
  try {
    const st = await lstat(path);
    if (!st.isFile() || st.size > max) return null;
    const fh = await open(path, 'r');
    try {
      const buf = Buffer.alloc(Math.min(st.size, max) + 1);
      const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
      if (bytesRead > max) return null; // grew since the lstat
      return buf.subarray(0, bytesRead).toString('utf8');
    } finally {
      await fh.close();
    }
  } catch {
    return null;
  }
}

/** JSON text as a value, undefined when it is not JSON. */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The manifest.json of `dir` when svreport wrote it, else null (missing, foreign, oversized, damaged). */
export async function readOwnManifest(dir: string): Promise<OwnManifest | null> {
  const text = await readBounded(join(dir, 'manifest.json'), MAX_MANIFEST_BYTES);
  return text === null ? null : parseOwnManifest(text);
}

/** The shape check of readOwnManifest, on text already read. */
export function parseOwnManifest(text: string): OwnManifest | null {
  const m = parseJson(text);
  if (!isObj(m) || !isObj(m.generator) || m.generator.name !== GENERATOR_NAME) return null;
  if (!isObj(m.report) || !isStr(m.report.id) || !isStr(m.generatedAt)) return null;
  if (!Array.isArray(m.files) || m.files.length > 64) return null;
  for (const f of m.files) {
    if (!isObj(f) || !isStr(f.name) || f.name.includes('/') || f.name.includes('\\') || f.name.startsWith('.')) return null;
  }
  if (!isObj(m.period)) m.period = { from: null, to: null, label: '' };
  if (!isObj(m.kpis)) m.kpis = {};
  return m as OwnManifest;
}

/**
 * Why `dir` is not a snapshot svreport may replace or remove, or null when it is one: its own
 * manifest, and no entry but the files listed there and the after-commit ones. The reason names
 * the first foreign entry, for an error message.
 */
export async function notOwnSnapshot(dir: string, opts: { outputRoot?: boolean } = {}): Promise<string | null> {
  const manifest = await readOwnManifest(dir);
  if (!manifest) return 'it has no manifest.json written by svreport';
  const listed = new Set([...manifest.files.map((f) => f.name), 'manifest.json', ...AFTER_COMMIT_FILES, ...(opts.outputRoot ? OUTPUT_ROOT_FILES : [])]);
  const entries = await readdir(dir, { withFileTypes: true });
  for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if ((!listed.has(e.name) && !isAfterCommitTemp(e.name)) || !e.isFile()) return `it holds ${JSON.stringify(e.name)}, which svreport did not write`;
  }
  return null;
}

/**
 * Why svreport may not replace the folder `dir` with a new snapshot, or null when it may: an
 * empty folder (nothing to lose) or a snapshot of its own (notOwnSnapshot). The reason names
 * the first entry svreport did not write.
 */
export async function notReplaceable(dir: string, opts: { outputRoot?: boolean } = {}): Promise<string | null> {
  const names = (await readdir(dir)).sort();
  if (names.length === 0) return null;
  const reason = await notOwnSnapshot(dir, opts);
  if (reason === null || names.includes('manifest.json')) return reason;
  return `it holds ${JSON.stringify(names[0])}${names.length > 1 ? ` and ${names.length - 1} more` : ''} and no manifest.json written by svreport`;
}

// ---
// Markers: who made a staging folder, a browser profile or the output lock

/** Inside a staging folder from its creation until just before it is renamed into place. */
export const STAGING_MARKER = '.svreport-staging';
/** Inside a browser profile folder (svreport-chrome-*) in the temporary folder. */
export const PROFILE_MARKER = '.svreport-profile';
const MAX_MARKER_BYTES = 4096;

/** The run that made a folder or holds a lock. */
export interface OwnMarker {
  generator: string;
  host: string;
  pid: number;
  /** the pid namespace on Linux (containers sharing a host name and a folder count pids apart) */
  pidns?: string;
  /** random, unique to the run (pids repeat across containers) */
  token: string;
  createdAt: string;
}

/** This process's pid namespace (Linux), else ''. */
const PID_NAMESPACE = (() => {
  try {
    return readlinkSync('/proc/self/ns/pid');
  } catch {
    return '';
  }
})();

/** Tokens this process made: a marker holding one belongs to a live run (this one). */
const ownTokens = new Set<string>();

/** A random token for a marker or a lock of this process; also what makes names unique. */
export function newToken(): string {
  const token = randomBytes(8).toString('hex');
  ownTokens.add(token);
  return token;
}

/** The marker text of this process's run (`token` from newToken()). */
export function markerText(token: string, now = Date.now()): string {
  const m: OwnMarker = { generator: GENERATOR_NAME, host: hostname(), pid: process.pid, pidns: PID_NAMESPACE, token, createdAt: new Date(now).toISOString() };
  return JSON.stringify(m) + '\n';
}

/** The marker at `path` when svreport wrote it, else null. */
export async function readOwnMarker(path: string): Promise<OwnMarker | null> {
  const text = await readBounded(path, MAX_MARKER_BYTES);
  return text === null ? null : parseOwnMarker(text);
}

export function parseOwnMarker(text: string): OwnMarker | null {
  const m = parseJson(text);
  if (!isObj(m) || m.generator !== GENERATOR_NAME || !isStr(m.host) || !isStr(m.token) || !isStr(m.createdAt)) return null;
  if (typeof m.pid !== 'number' || !Number.isInteger(m.pid) || m.pid <= 0) return null;
  if (m.pidns !== undefined && !isStr(m.pidns)) return null;
  return m as unknown as OwnMarker;
}

/**
 * True when the run of `marker` is provably over: same host and its pid is not running. (On
 * another host, or with its pid alive, it may be running; a pid reused since then only makes a
 * leftover wait for a later run.)
 */
export function runIsGone(marker: OwnMarker): boolean {
  // (a marker without pidns counts as another namespace on Linux: only its age can make it stale)
  if (marker.host !== hostname() || (marker.pidns ?? '') !== PID_NAMESPACE || ownTokens.has(marker.token)) return false;
  if (marker.pid === process.pid) return true; // an earlier process that had our pid
  try {
    process.kill(marker.pid, 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/**
 * True when the run of `marker` is provably running: this process, or a live pid on this host
 * in this pid namespace (a pid reused since only delays the cleanup of what the run left).
 */
export function runIsAlive(marker: OwnMarker): boolean {
  if (ownTokens.has(marker.token)) return true;
  if (marker.host !== hostname() || (marker.pidns ?? '') !== PID_NAMESPACE || marker.pid === process.pid) return false;
  try {
    process.kill(marker.pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A run older than this is over, whatever its pid says now. */
const MAX_RUN_MS = 24 * 3600_000;

/**
 * Whether a staging folder (`.<name>.partial-*`) may be removed as a killed run's leftover: svreport
 * made it (it carries our marker, or it is already a whole snapshot of ours: the marker goes just
 * before the rename into place) and the run that made it is not provably still running (the
 * caller holds the output lock, so only a run writing into a nested output root could be).
 */
export async function isLeftoverStaging(dir: string, now = Date.now()): Promise<boolean> {
  const marker = await readOwnMarker(join(dir, STAGING_MARKER));
  if (marker) return !runIsAlive(marker) || now - Date.parse(marker.createdAt) > MAX_RUN_MS;
  return (await notOwnSnapshot(dir)) === null;
}

/**
 * Removes the temporary folders (`<prefix>*` in `tmp`: browser profiles, input conversions) that
 * runs killed outright (SIGKILL, a crash) left behind: only folders of this user that carry our
 * `marker` of a run that is provably over (this host, its pid gone).
 */
export async function removeOrphanFolders(tmp: string, prefix: string, marker: string): Promise<number> {
  let removed = 0;
  const entries = await readdir(tmp, { withFileTypes: true }).catch(() => []);
  for (const e of entries) {
    if (!e.isDirectory() || !e.name.startsWith(prefix)) continue;
    const dir = join(tmp, e.name);
    try {
      const st = await lstat(dir);
      if (process.getuid && st.uid !== process.getuid()) continue;
      const own = await readOwnMarker(join(dir, marker));
      if (!own || !runIsGone(own)) continue;
      await rm(dir, { recursive: true, force: true, maxRetries: 3 });
      removed++;
    } catch {
      // another run removed it meanwhile, or it is not ours to remove
    }
  }
  return removed;
}
