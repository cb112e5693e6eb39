// The build's delivery step: message.eml written into a staged snapshot, after its other files
// and before its manifest (which therefore lists it). Sending happens later, from the CLI, once
// the snapshot is committed.
import { stat } from 'node:fs/promises';
import { readFile } from 'node:fs/promises';
import type { ReportModel, ReportSpec } from '../types.ts';
import { safeSegment } from '../output/snapshot.ts';
import { ATTACH_FILE, composeMessage, EMAIL_WORDS, messageIdOf, type AttachmentFile } from './compose.ts';
import type { Branding } from '../output/branding.ts';
import { contentHashOf, MESSAGE_FILE } from './state.ts';

export interface StagedFolder {
  path(name: string): string;
  write(name: string, data: string | Uint8Array): Promise<void>;
}

export interface MessageStepInput {
  model: ReportModel;
  spec: ReportSpec;
  configHash: string;
  inputSha256: string;
  runDate: string;
  /** output.publicUrl, tokens not yet replaced */
  publicUrl: string | null;
  /** the report's branding as read for its HTML (the logo read once per build) */
  branding?: Branding | null;
  /** a build warning (the log and --json) */
  warn?: (message: string) => void;
}

/** output.publicUrl with its tokens replaced by the same safe segments as the folder names. */
export function resolvePublicUrl(template: string, values: { report: string; period: string; date: string }): string {
  return template.replace(/\{(report|period|date)\}/g, (_, k: 'report' | 'period' | 'date') => encodeURIComponent(safeSegment(values[k])));
}

/** Writes message.eml when the report has email delivery; returns whether it did. */
export async function writeMessage(staged: StagedFolder, input: MessageStepInput): Promise<boolean> {
  const email = input.spec.delivery.email;
  if (!email) return false;
  const { model } = input;
  const files: AttachmentFile[] = [];
  for (const format of email.attach) {
    const name = ATTACH_FILE[format];
    const st = await stat(staged.path(name)).catch(() => null);
    if (st?.isFile()) files.push({ format, name, bytes: st.size, read: () => readFile(staged.path(name)) });
  }
  const hash = contentHashOf({ reportId: model.report.id, period: { ...model.period }, inputSha256: input.inputSha256, configHash: input.configHash });
  const values = { report: model.report.id, period: model.period.label, date: input.runDate };
  const message = await composeMessage({
    model,
    email,
    split: input.spec.split,
    messageId: messageIdOf(model.report.id, model.period.label, hash, email.from),
    runDate: input.runDate,
    publicUrl: input.publicUrl ? resolvePublicUrl(input.publicUrl, values) : null,
    files,
    notice: model.overview.videos === 0 && email.onEmpty === 'notice',
    off: input.spec.sections.off,
    locale: input.spec.locale,
    branding: input.branding,
  });
  // an SVG logo cannot be shown inline by many mail clients, and rasterising it would need a browser
  if (input.branding?.logo?.mime === 'image/svg+xml') input.warn?.(EMAIL_WORDS.svgLogo(model.report.id));
  await staged.write(MESSAGE_FILE, message.eml);
  return true;
}
