// Handing a snapshot's message.eml to the mail server, exactly once: the gates (render, empty,
// stale, already delivered), the SMTP hand-over with bounded retries of transient failures, and
// the delivery.json that records the outcome. The password comes in from the CLI and is
// scrubbed from every message this module returns.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { EmailDelivery } from '../types.ts';
import { addressesOf } from './address.ts';
import { fileEntry } from '../output/snapshot.ts';
import {
  MESSAGE_FILE, previousSnapshot, snapshotState, writeDeliveryRecord, type DeliveryRecord, type SnapshotState,
} from './state.ts';

/** The mail server with its secret, as resolved by the CLI from the config and the environment. */
export interface SmtpServer {
  host: string;
  port: number;
  security: 'starttls' | 'tls' | 'none';
  user: string | null;
  password: string | null;
  tlsVerify: boolean;
  ca: string | null; // PEM text
}

export interface RetryPolicy {
  /** attempts after the first one, for transient failures */
  retries: number;
  /** the first wait; each next one doubles */
  baseDelayMs: number;
  /** socket timeouts of one attempt */
  timeoutMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { retries: 4, baseDelayMs: 2000, timeoutMs: 30_000 };

export interface DeliverContext {
  /** the report's delivery settings (recipients in Bcc, onEmpty, onStale); null: not configured now */
  email: EmailDelivery | null;
  /** null only in a dry run */
  server: SmtpServer | null;
  /** snapshots known under the output root (before a build replaced any), for reruns and the stale check */
  known: SnapshotState[];
  resend: boolean;
  dryRun: boolean;
  retry: RetryPolicy;
  now: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** strings never to appear in a message (the password, the SMTP URL) */
  secrets: string[];
}

export type OutcomeStatus = 'delivered' | 'already-delivered' | 'failed' | 'skipped' | 'would-send';

export interface DeliveryOutcome {
  dir: string;
  report: string | null;
  status: OutcomeStatus;
  messageId: string | null;
  recipients: string[];
  accepted: string[];
  rejected: string[];
  attempts: number;
  /** why it was skipped, or what failed */
  reason: string | null;
}

/** `text` with every secret replaced by ***. */
export function scrub(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) {
    if (!s) continue;
    out = out.split(s).join('***');
    const enc = encodeURIComponent(s);
    if (enc !== s) out = out.split(enc).join('***');
  }
  return out;
}

const TRANSIENT_CODES = new Set(['ECONNECTION', 'ETIMEDOUT', 'ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'EPIPE', 'ENOTFOUND_TEMP']);

/** 4xx replies and connection trouble are worth another try; 5xx replies and TLS or AUTH refusals are not. */
export function isTransient(err: unknown): boolean {
  const e = err as { responseCode?: number; code?: string; originalCode?: string };
  if (typeof e?.responseCode === 'number') return e.responseCode >= 400 && e.responseCode < 500;
  if (e?.code === 'ESOCKET') return TRANSIENT_CODES.has(e.originalCode ?? '');
  return TRANSIENT_CODES.has(e?.code ?? '') || TRANSIENT_CODES.has(e?.originalCode ?? '');
}

function describeError(err: unknown): string {
  const e = err as { message?: string; responseCode?: number; originalCode?: string; code?: string };
  const msg = (e?.message ?? String(err)).split('\n')[0];
  const code = e?.originalCode ?? e?.code;
  return code && !msg.includes(code) ? `${msg} (${code})` : msg;
}

interface Sent {
  accepted: string[];
  rejected: string[];
  attempts: number;
}

/** One message to the server, retried with exponential backoff while the failures are transient. */
export async function sendRaw(server: SmtpServer, envelope: { from: string; to: string[] }, raw: Buffer, retry: RetryPolicy, sleep: (ms: number) => Promise<void>): Promise<Sent> {
  const { default: nodemailer } = await import('nodemailer'); // on first use, as in compose.ts
  const transport = nodemailer.createTransport({
    host: server.host,
    port: server.port,
    secure: server.security === 'tls',
    requireTLS: server.security === 'starttls',
    ignoreTLS: server.security === 'none',
    auth: server.user ? { user: server.user, pass: server.password ?? '' } : undefined,
    tls: { rejectUnauthorized: server.tlsVerify, servername: /^[\d.]+$|:/.test(server.host) ? undefined : server.host, ...(server.ca ? { ca: server.ca } : {}) },
    connectionTimeout: retry.timeoutMs,
    greetingTimeout: retry.timeoutMs,
    socketTimeout: retry.timeoutMs,
    disableFileAccess: true,
    disableUrlAccess: true,
    logger: false,
    debug: false,
  });
  try {
    for (let attempt = 1; ; attempt++) {
      try {
        const info = await transport.sendMail({ envelope, raw });
        const list = (v: unknown) => (Array.isArray(v) ? v.map((a) => (typeof a === 'string' ? a : (a as { address: string }).address)) : []);
        return { accepted: list(info.accepted), rejected: list(info.rejected), attempts: attempt };
      } catch (err) {
        if (attempt > retry.retries || !isTransient(err)) throw Object.assign(new Error(describeError(err)), { attempts: attempt, cause: err });
        await sleep(retry.baseDelayMs * 2 ** (attempt - 1));
      }
    }
  } finally {
    transport.close();
  }
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Delivers one snapshot: nothing when it has no message (delivery not configured, or a build that
 * failed its render), when it was already delivered (unless `resend`), or when a gate says skip;
 * else the message goes out and delivery.json records the outcome (not in a dry run).
 */
export async function deliverSnapshot(dir: string, ctx: DeliverContext): Promise<DeliveryOutcome> {
  const out: DeliveryOutcome = { dir, report: null, status: 'skipped', messageId: null, recipients: [], accepted: [], rejected: [], attempts: 0, reason: null };
  const me = await snapshotState(dir);
  if (!me) return { ...out, reason: 'not a snapshot svreport wrote (no manifest.json of its own)' };
  out.report = me.manifest.report.id;
  const listed = me.manifest.files.find((f) => f.name === MESSAGE_FILE);
  if (!me.head || !listed) return { ...out, reason: 'no message.eml: delivery was not configured for this build, or the build failed' };
  // the message must be the one its manifest lists: never a damaged or swapped one
  const entry = await fileEntry(dir, MESSAGE_FILE);
  if (entry.sha256 !== listed.sha256) return { ...out, status: 'failed', reason: 'message.eml does not match its manifest; rebuild the report' };
  out.messageId = me.head.messageId;
  const email = ctx.email;
  const bcc = addressesOf(email?.bcc ?? []);
  out.recipients = addressesOf([...me.head.to, ...me.head.cc, ...bcc]);

  const record = (r: Omit<DeliveryRecord, 'messageId' | 'time'>): DeliveryRecord => ({ messageId: me.head!.messageId, time: new Date(ctx.now()).toISOString(), ...r });

  // 1. Exactly once: this snapshot, or an earlier build of the same message, already went out
  if (!ctx.resend) {
    const earlier = me.delivery?.status === 'delivered' && me.delivery.messageId === me.head.messageId
      ? me.delivery
      : ctx.known.find((s) => s !== me && s.delivery?.status === 'delivered' && s.delivery.messageId === me.head!.messageId)?.delivery;
    if (earlier) {
      if (!ctx.dryRun && me.delivery !== earlier) await writeDeliveryRecord(dir, earlier); // a rebuild keeps the record of what was sent
      return { ...out, status: 'already-delivered', accepted: earlier.accepted, rejected: earlier.rejected, reason: `delivered on ${earlier.time}` };
    }
  }

  // 2. Gates: an empty period, stale input
  const onEmpty = email?.onEmpty ?? 'skip';
  const onStale = email?.onStale ?? 'skip';
  let skip: string | null = null;
  if (me.manifest.kpis.videos === 0 && onEmpty === 'skip') skip = 'no video in the period (onEmpty: skip)';
  const prev = previousSnapshot(me, [...ctx.known, me]);
  if (!skip && onStale === 'skip' && prev && prev.manifest.input?.sha256 === me.manifest.input?.sha256) {
    skip = `the input is identical to that of the previous snapshot (${prev.manifest.period.label}); onStale: skip`;
  }
  if (skip) {
    if (!ctx.dryRun) await writeDeliveryRecord(dir, record({ status: 'skipped', reason: skip, accepted: [], rejected: [], attempts: 0, error: null }));
    return { ...out, reason: skip };
  }
  if (out.recipients.length === 0) return { ...out, status: 'failed', reason: 'the message has no recipient' };
  if (ctx.dryRun) return { ...out, status: 'would-send' };

  // 3. Hand it over
  const raw = await readFile(join(dir, MESSAGE_FILE));
  try {
    const sent = await sendRaw(ctx.server!, { from: me.head.from, to: out.recipients }, raw, ctx.retry, ctx.sleep ?? wait);
    await writeDeliveryRecord(dir, record({ status: 'delivered', reason: null, ...sent, error: null }));
    return { ...out, status: 'delivered', ...sent };
  } catch (err) {
    const attempts = (err as { attempts?: number }).attempts ?? 1;
    const why = scrub(describeError(err), ctx.secrets);
    await writeDeliveryRecord(dir, record({ status: 'failed', reason: null, accepted: [], rejected: [], attempts, error: why }));
    return { ...out, status: 'failed', attempts, reason: why };
  }
}
