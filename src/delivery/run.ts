// `build --send` and `svreport send`: which snapshots to deliver, with which report's settings
// and server, and the one error (exit 5) when any message could not be handed over.
import { join } from 'node:path';
import { ReportError, EXIT, usageError } from '../errors.ts';
import type { Config, EmailDelivery } from '../types.ts';
import type { Logger } from '../log.ts';
import { readOwnManifest } from '../output/owned.ts';
import { scanArchive } from '../output/archive.ts';
import { deliverSnapshot, scrub, type DeliveryOutcome, type RetryPolicy, type SmtpServer } from './send.ts';
import { resolveServer, secretsOf, type DeliveryEnv } from './server.ts';
import type { SnapshotState } from './state.ts';

export interface DeliveryRun {
  config: Config;
  env: DeliveryEnv;
  known: SnapshotState[];
  resend: boolean;
  dryRun: boolean;
  retry: RetryPolicy;
  now: () => number;
  log: Logger;
  /** how a folder is named in messages (relative to the working directory) */
  display: (path: string) => string;
}

/** The delivery settings of a report id: its `reports[]` entry, the entry it was split from, or the shared ones. */
export function emailFor(config: Config, reportId: string): EmailDelivery | null {
  const exact = config.reports.find((r) => r.id === reportId);
  if (exact) return exact.delivery.email;
  const base = config.splitBy !== 'none' ? config.reports.filter((r) => reportId.startsWith(`${r.id}-`)).sort((a, b) => b.id.length - a.id.length)[0] : undefined;
  return base ? base.delivery.email : config.delivery.email;
}

/** Fails before any work when a report that would send has no usable server (exit 2). */
export function checkServers(config: Config, env: DeliveryEnv): void {
  const emails = config.reports.map((r) => r.delivery.email).filter((e): e is EmailDelivery => e !== null);
  if (!emails.length) throw usageError('--send: no report has delivery.email configured; add it to the config (see README, "Delivering reports").');
  for (const e of emails) resolveServer(e, env);
}

/** The snapshot folders named by `paths`: a snapshot folder itself, or every snapshot under an output root. */
export async function snapshotDirs(paths: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const p of paths) {
    if (await readOwnManifest(p)) out.push(p);
    else {
      const found = (await scanArchive(p)).snapshots;
      // oldest first: a week's stale check looks at the weeks before it
      for (const s of found.reverse()) if (await readOwnManifest(join(p, s.href))) out.push(join(p, s.href));
    }
  }
  return [...new Set(out)];
}

export interface DeliveryResult {
  outcomes: DeliveryOutcome[];
  error: ReportError | null;
}

export async function deliverDirs(dirs: string[], run: DeliveryRun): Promise<DeliveryResult> {
  const secrets = secretsOf(run.env, [run.config.delivery.email, ...run.config.reports.map((r) => r.delivery.email)]);
  const servers = new Map<EmailDelivery, SmtpServer>();
  const outcomes: DeliveryOutcome[] = [];
  for (const dir of dirs) {
    const manifest = await readOwnManifest(dir);
    const email = manifest ? emailFor(run.config, manifest.report.id) : null;
    let server: SmtpServer | null = null;
    if (email && !run.dryRun) {
      server = servers.get(email) ?? resolveServer(email, run.env);
      servers.set(email, server);
    }
    if (!email) {
      outcomes.push({ dir, report: manifest?.report.id ?? null, status: 'skipped', messageId: null, recipients: [], accepted: [], rejected: [], attempts: 0, reason: 'no delivery.email for this report in the config' });
      continue;
    }
    const o = await deliverSnapshot(dir, { email, server, known: run.known, resend: run.resend, dryRun: run.dryRun, retry: run.retry, now: run.now, secrets });
    outcomes.push(o);
    logOutcome(run, o);
  }
  const failed = outcomes.filter((o) => o.status === 'failed');
  const error = failed.length
    ? new ReportError(
        EXIT.delivery,
        scrub(`${failed.length} report(s) could not be handed to the mail server (first: ${run.display(failed[0].dir)}: ${failed[0].reason}); the snapshots are kept, and \`svreport send\` retries what was not delivered.`, secrets),
      )
    : null;
  return { outcomes, error };
}

function logOutcome(run: DeliveryRun, o: DeliveryOutcome): void {
  const where = run.display(o.dir);
  const n = o.recipients.length;
  switch (o.status) {
    case 'delivered':
      run.log.info(`sent ${where} to ${n} recipient(s)${o.rejected.length ? `, ${o.rejected.length} refused` : ''} (${o.attempts} attempt(s))`);
      break;
    case 'would-send':
      run.log.info(`would send ${where} to ${o.recipients.join(', ')}`);
      break;
    case 'already-delivered':
      run.log.info(`not sent ${where}: already ${o.reason}`);
      break;
    case 'skipped':
      run.log.info(`not sent ${where}: ${o.reason}`);
      break;
    case 'failed':
      run.log.warn(`not delivered ${where}: ${o.reason}`);
      break;
  }
}
