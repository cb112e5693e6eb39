// Stale input (SPEC 6b, 9): a report built from the very input its previous snapshot was built
// from (same sha256) is most likely last week's export again. The build says so in its warnings;
// the delivery's `onStale` then decides (src/delivery/send.ts makes the same check at send time).
import type { PeriodInfo } from '../types.ts';
import { contentHashOf, contentHashOfManifest, previousSnapshot, scanSnapshots, type SnapshotState } from '../delivery/state.ts';
import type { OwnManifest } from './owned.ts';
import { withDates } from '../format.ts';

export interface StaleCheck {
  reportId: string;
  period: PeriodInfo;
  /** this run's generated-at: a snapshot generated later is not "previous" */
  generatedAt: string;
  inputSha256: string;
  configHash: string;
  /** whether the report has email delivery (the warning names `onStale` then) */
  delivers: boolean;
}

/** English words in one place, for the message catalogue. */
export const staleText = (c: StaleCheck, prev: OwnManifest): string =>
  `report "${c.reportId}": the input is identical (sha256) to that of its previous snapshot (${withDates(prev.period.label)}, generated ${prev.generatedAt}); ` +
  `it may be stale${c.delivers ? ' (delivery.email.onStale decides whether it is sent)' : ''}.`;

/**
 * One warning per report whose previous snapshot under `root` (the same report id, not later by
 * period end then generated-at: as delivery's previousSnapshot) was built from the same input.
 * A snapshot of the same report, period, input and settings is this one built again, not a
 * previous one (it has the same Message-ID too).
 */
export async function staleWarnings(root: string, checks: StaleCheck[]): Promise<string[]> {
  if (!checks.length) return [];
  const known = await scanSnapshots(root);
  const out: string[] = [];
  for (const c of checks) {
    const hash = contentHashOf({ reportId: c.reportId, period: { from: c.period.from, to: c.period.to, label: c.period.label }, inputSha256: c.inputSha256, configHash: c.configHash });
    const others = known.filter((s) => contentHashOfManifest(s.manifest) !== hash);
    const manifest = { report: { id: c.reportId, title: '' }, period: c.period, generatedAt: c.generatedAt } as OwnManifest;
    const me: SnapshotState = { dir: '', manifest, head: null, delivery: null };
    const prev = previousSnapshot(me, others);
    if (prev && prev.manifest.input?.sha256 === c.inputSha256) out.push(staleText(c, prev.manifest));
  }
  return out;
}
