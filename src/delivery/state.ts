// What a snapshot says about its email: the head of its message.eml (Message-ID, From, To, Cc)
// and its delivery.json (the one file svreport writes after the commit, atomically). Reruns,
// `send` and the stale check read the snapshots under an output root through here.
import { createHash } from 'node:crypto';
import { lstat, open, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { canonicalJson, toJson } from '../output/json.ts';
import { scanArchive } from '../output/archive.ts';
import { newToken, readOwnManifest, type OwnManifest } from '../output/owned.ts';
import { trackTempFile } from '../output/snapshot.ts';

export const MESSAGE_FILE = 'message.eml';
export const DELIVERY_FILE = 'delivery.json';
const MAX_RECORD_BYTES = 256 * 1024;
const MAX_HEAD_BYTES = 64 * 1024;

export interface DeliveryRecord {
  status: 'delivered' | 'failed' | 'skipped';
  messageId: string;
  /** why it was skipped (empty period, stale input), or null */
  reason: string | null;
  accepted: string[];
  rejected: string[];
  time: string; // ISO 8601, when this outcome was reached
  attempts: number;
  error: string | null;
}

/**
 * The content hash behind a report's Message-ID: the report, its period, its input (sha256) and
 * the settings of its figures (the manifest's configHash). It leaves out message.eml itself and
 * the generated-at time, so a rebuild of the same week from the same export gets the same id.
 */
export function contentHashOf(m: { reportId: string; period: { from: string | null; to: string | null; label: string }; inputSha256: string; configHash: string }): string {
  return createHash('sha256').update(canonicalJson(m)).digest('hex');
}

export const contentHashOfManifest = (m: OwnManifest) =>
  contentHashOf({ reportId: m.report.id, period: { from: m.period.from, to: m.period.to, label: m.period.label }, inputSha256: m.input?.sha256 ?? '', configHash: m.configHash ?? '' });

async function readBounded(path: string, max: number): Promise<string | null> {
  try {
    const st = await lstat(path);
    if (!st.isFile()) return null;
    const fh = await open(path, 'r');
    try {
      const buf = Buffer.alloc(Math.min(st.size, max));
      const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
      return buf.subarray(0, bytesRead).toString('utf8');
    } finally {
      await fh.close();
    }
  } catch {
    return null;
  }
}

export async function readDeliveryRecord(dir: string): Promise<DeliveryRecord | null> {
  const text = await readBounded(join(dir, DELIVERY_FILE), MAX_RECORD_BYTES);
  if (text === null) return null;
  try {
    const r = JSON.parse(text) as DeliveryRecord;
    if (!r || typeof r !== 'object' || typeof r.messageId !== 'string' || !['delivered', 'failed', 'skipped'].includes(r.status)) return null;
    return r;
  } catch {
    return null;
  }
}

/** delivery.json written to a temporary name and renamed into place: never half a record. */
export async function writeDeliveryRecord(dir: string, record: DeliveryRecord): Promise<void> {
  const tmp = join(dir, `.${DELIVERY_FILE}.partial-${newToken()}`); // a killed send's leftover: see isAfterCommitTemp
  const untrack = trackTempFile(tmp);
  try {
    await writeFile(tmp, toJson(record));
    await rename(tmp, join(dir, DELIVERY_FILE));
  } finally {
    untrack();
    await rm(tmp, { force: true });
  }
}

export interface MessageHead {
  messageId: string;
  from: string; // the bare address
  to: string[];
  cc: string[];
  subject: string;
}

/** The Message-ID and addresses of a message.eml (its header block only), or null. */
export async function readMessageHead(dir: string): Promise<MessageHead | null> {
  const text = await readBounded(join(dir, MESSAGE_FILE), MAX_HEAD_BYTES);
  if (text === null) return null;
  const end = text.indexOf('\r\n\r\n');
  if (end < 0) return null;
  const fields = new Map<string, string>();
  // unfold (a CRLF followed by white space continues the field), then one field per line
  for (const line of text.slice(0, end).replace(/\r\n(?=[ \t])/g, '').split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) fields.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  const { default: addressparser } = await import('nodemailer/lib/addressparser'); // on first use, as in compose.ts
  const addrs = (v: string | undefined) => (v ? addressparser(v, { flatten: true }).map((a) => a.address).filter(Boolean) : []);
  const messageId = fields.get('message-id');
  const from = addrs(fields.get('from'))[0];
  if (!messageId || !from) return null;
  return { messageId, from, to: addrs(fields.get('to')), cc: addrs(fields.get('cc')), subject: fields.get('subject') ?? '' };
}

export interface SnapshotState {
  dir: string;
  manifest: OwnManifest;
  head: MessageHead | null;
  delivery: DeliveryRecord | null;
}

export async function snapshotState(dir: string): Promise<SnapshotState | null> {
  const manifest = await readOwnManifest(dir);
  if (!manifest) return null;
  return { dir, manifest, head: await readMessageHead(dir), delivery: await readDeliveryRecord(dir) };
}

/** Every snapshot svreport wrote under `root`, with its message head and delivery record. */
export async function scanSnapshots(root: string): Promise<SnapshotState[]> {
  const out: SnapshotState[] = [];
  for (const s of (await scanArchive(root)).snapshots) {
    const state = await snapshotState(join(root, s.href));
    if (state) out.push(state);
  }
  return out;
}

/**
 * The report's snapshot before `me` (for the stale check): the same report id, another message,
 * not later than `me` (by period end, then generated-at); the latest such one.
 */
export function previousSnapshot(me: SnapshotState, all: SnapshotState[]): SnapshotState | null {
  const key = (s: SnapshotState) => `${s.manifest.period.to ?? ''}\u0000${s.manifest.generatedAt}`;
  let best: SnapshotState | null = null;
  for (const s of all) {
    if (s === me || s.manifest.report.id !== me.manifest.report.id) continue;
    if (s.head && me.head && s.head.messageId === me.head.messageId) continue;
    if (key(s) > key(me)) continue;
    if (!best || key(s) > key(best)) best = s;
  }
  return best;
}
