// What svreport can prove it wrote: a snapshot folder is ours only when it holds a manifest.json
// that svreport wrote (bounded in size, the right shape, our generator name) and nothing else but
// the files that manifest lists and the ones svreport adds after the commit (delivery.json).
// Everything that removes, replaces or lists a snapshot asks here first.
import { lstat, open, readdir } from 'node:fs/promises';
import { join } from 'node:path';

export const GENERATOR_NAME = 'short-video-report';
/** A manifest lists a handful of files; anything larger was not written by svreport. */
export const MAX_MANIFEST_BYTES = 256 * 1024;
/** Files svreport writes into a snapshot after its manifest (so the manifest cannot list them). */
export const AFTER_COMMIT_FILES: readonly string[] = ['delivery.json'];

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

/** The manifest.json of `dir` when svreport wrote it, else null (missing, foreign, oversized, damaged). */
export async function readOwnManifest(dir: string): Promise<OwnManifest | null> {
  const path = join(dir, 'manifest.json');
  try {
    const st = await lstat(path);
    if (!st.isFile() || st.size > MAX_MANIFEST_BYTES) return null;
    const fh = await open(path, 'r');
    let text: string;
    try {
      const buf = Buffer.alloc(Math.min(st.size, MAX_MANIFEST_BYTES) + 1);
      const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
      if (bytesRead > MAX_MANIFEST_BYTES) return null; // grew since the lstat
      text = buf.subarray(0, bytesRead).toString('utf8');
    } finally {
      await fh.close();
    }
    return parseOwnManifest(text);
  } catch {
    return null;
  }
}

/** The shape check of readOwnManifest, on text already read. */
export function parseOwnManifest(text: string): OwnManifest | null {
  let m: unknown;
  try {
    m = JSON.parse(text);
  } catch {
    return null;
  }
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
export async function notOwnSnapshot(dir: string): Promise<string | null> {
  const manifest = await readOwnManifest(dir);
  if (!manifest) return 'it has no manifest.json written by svreport';
  const listed = new Set([...manifest.files.map((f) => f.name), 'manifest.json', ...AFTER_COMMIT_FILES]);
  const entries = await readdir(dir, { withFileTypes: true });
  for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (!listed.has(e.name) || !e.isFile()) return `it holds ${JSON.stringify(e.name)}, which svreport did not write`;
  }
  return null;
}
