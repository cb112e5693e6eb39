// The email of one report, composed once at build time from its ReportModel (the figures of
// metrics.json) and written as message.eml: the exact RFC 5322 bytes `send` hands to the server.
// Plain text and email-safe HTML (tables, inline styles, no script, no remote image), every data
// value isolated for bidi; reproducible (fixed Date, Message-ID and MIME boundaries).
import { createHash } from 'node:crypto';
import type { EmailDelivery, Insight, OutputFormat, ReportModel, ReportSpec } from '../types.ts';
import { ID_FIGURES, insightParts, keyFindings } from '../insights.ts';
import { periodText, withDates, formatBytes, formatCompact, formatDate, formatDateTime, formatInt, formatPct, formatSignedCompact, formatSignedPct, kpiFigure, MISSING, datesOfLabel, NAME_GRAPHEMES, truncateForDisplay } from '../format.ts';
import { addressesOf, parseMailbox } from './address.ts';
import { MERGED_REASON } from '../messages.ts';
import { currentLocale, DEFAULT_LOCALE, t, tp, withLocale, type MessageKey } from '../i18n/index.ts';
import { accentSet, type Branding } from '../output/branding.ts';

/** The email's html lang: "en" in English (as it always was), else the tag whose words it carries. */
function langOf(): string {
  const { tag, language } = currentLocale();
  return language === 'en' || new Intl.Locale(tag).language !== language ? 'en' : tag;
}

/** The snapshot file each `attach` format stands for. */
export const ATTACH_FILE: Record<OutputFormat, string> = { pdf: 'report.pdf', html: 'report.html', csv: 'filtered.csv', json: 'metrics.json' };
const MIME: Record<OutputFormat, string> = { pdf: 'application/pdf', html: 'text/html; charset=utf-8', csv: 'text/csv; charset=utf-8', json: 'application/json' };

/** The HTML part stays under what mail clients show unclipped (Gmail clips at 102 KB). */
export const MAX_HTML_BYTES = 100 * 1024;

export interface AttachmentFile {
  format: OutputFormat;
  name: string;
  bytes: number;
  read: () => Promise<Buffer>;
}

export interface ComposeInput {
  model: ReportModel;
  email: EmailDelivery;
  split: ReportSpec['split'];
  messageId: string;
  runDate: string; // {date}, YYYY-MM-DD
  publicUrl: string | null; // with its tokens replaced
  /** the built files among `attach`, in `attach` order */
  files: AttachmentFile[];
  /** an empty period under `onEmpty: notice`: a short message without attachments */
  notice: boolean;
  /** the sections the report leaves out (`sections: { <id>: false }`): the email points to none of them */
  off?: readonly string[];
  /** the report's locale (BCP 47): the email's words, numbers and dates; en-US by default */
  locale?: string;
  /** the report's branding: accent on headings and links, footer line, PNG/JPEG logo inline (cid) */
  branding?: Branding | null;
}

/** The Content-ID of the inline logo (`<img src="cid:...">`). */
export const LOGO_CID = 'logo@svreport';

/** Log lines of the email step (English, in one place for the catalogue). */
export const EMAIL_WORDS = {
  svgLogo: (report: string) =>
    `report "${report}": branding.logo is an SVG, which many mail clients do not show and svreport cannot turn into PNG without a browser; the email goes without the logo (use a PNG or JPEG logo to have it there).`,
} as const;

/** The logo as an inline attachment (PNG or JPEG), or null: an SVG stays out of the email. */
export function emailLogo(branding: Branding | null | undefined): { content: Buffer; contentType: string; filename: string } | null {
  const logo = branding?.logo;
  if (!logo || logo.mime === 'image/svg+xml') return null;
  const content = Buffer.from(logo.dataUrl.slice(logo.dataUrl.indexOf(',') + 1), 'base64');
  return { content, contentType: logo.mime, filename: logo.mime === 'image/png' ? 'logo.png' : 'logo.jpg' };
}

export interface ComposedMessage {
  eml: Buffer;
  /** the addresses in To and Cc (Bcc is never written into the message) */
  recipients: string[];
  attached: string[];
  /** why attachments were left out, or null */
  leftOut: string | null;
}

/** A change of a rate in percentage points: 0.05 -> "+5.00 pts". */
const points = (n: number | null, digits: number) => (n === null ? MISSING : t('email.points', { n: formatSignedPct(n, digits).replace(/\s?%/, '') }));

const HEADLINE: { key: keyof ReportModel['overview']; label: MessageKey; format: (n: number | null) => string; signed: (n: number | null) => string }[] = [
  { key: 'videos', label: 'kpi.videos', format: formatInt, signed: (n) => formatSignedCompact(n) },
  { key: 'totalViews', label: 'kpi.totalViews', format: formatCompact, signed: formatSignedCompact },
  { key: 'medianViews', label: 'kpi.medianViews', format: formatCompact, signed: formatSignedCompact },
  { key: 'medianEngagementRate', label: 'kpi.medianEngagementRate', format: (n) => formatPct(n), signed: (n) => points(n, 2) },
  { key: 'highViralPotentialShare', label: 'kpi.highViralPotential', format: (n) => formatPct(n, 1), signed: (n) => points(n, 1) },
];

// ---------------------------------------------------------------------------
// Text with data values marked, rendered twice: FSI/PDI in plain text, <bdi> in HTML

type Part = string | { data: string };
type Line = Part[];

const FSI = '\u2068';
const PDI = '\u2069';
const d = (value: string): Part => ({ data: value });

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const asText = (line: Line) => line.map((p) => (typeof p === 'string' ? p : `${FSI}${p.data}${PDI}`)).join('');
const asHtml = (line: Line) => line.map((p) => (typeof p === 'string' ? esc(p) : `<bdi>${esc(p.data)}</bdi>`)).join('');

/**
 * An insight's sentence with the names it quotes marked as data: its own parts (each value cut
 * for display, as in the report), or for an insight made elsewhere, its figures' strings found
 * in its text.
 */
function insightLine(insight: Insight): Line {
  const parts = insightParts(insight);
  if (parts.some((p) => typeof p !== 'string')) {
    return parts.map((p) => (typeof p === 'string' ? p : d(truncateForDisplay(p.value, NAME_GRAPHEMES))));
  }
  // the sentence in the report's language (its parts' words), its figures' strings found in it
  return figuresInText(parts.join(''), insight.figures);
}

function figuresInText(text: string, figures: Record<string, unknown>): Line {
  const values = Object.entries(figures)
    .filter(([k, v]) => typeof v === 'string' && v !== '' && !ID_FIGURES.includes(k))
    .map(([, v]) => v as string)
    .sort((a, b) => b.length - a.length);
  const out: Line = [];
  let rest = text;
  while (rest) {
    let best: { at: number; value: string } | null = null;
    for (const v of values) {
      const at = rest.indexOf(v);
      if (at >= 0 && (!best || at < best.at)) best = { at, value: v };
    }
    if (!best) {
      out.push(rest);
      break;
    }
    if (best.at > 0) out.push(rest.slice(0, best.at));
    out.push(d(best.value));
    rest = rest.slice(best.at + best.value.length);
  }
  return out;
}

/** One header line's worth of text: no CR, LF or other control character from data or config. */
export function headerText(s: string, max = 250): string {
  const flat = s.replace(/[\p{Cc}\p{Zl}\p{Zp}]+/gu, ' ').replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

export function subjectOf(email: EmailDelivery, model: ReportModel, runDate: string): string {
  // {periodDates}: the label with its dates as the cover says it, in the report's language (composed inside its locale)
  const values: Record<string, string> = { title: model.report.title, report: model.report.id, period: model.period.label, periodDates: periodText(model.period.label) === model.period.label ? withDates(model.period.label) : periodText(model.period.label), date: runDate };
  return headerText(email.subject.replace(/\{(title|report|periodDates|period|date)\}/g, (_, k: string) => values[k]));
}

/** To for this report: the split value's own readers when `toBySplit` names it, else `to`. */
export function toOf(email: EmailDelivery, split: ReportSpec['split']): string[] {
  if (split && Object.hasOwn(email.toBySplit, split.value)) return email.toBySplit[split.value];
  return email.to;
}

function periodLine(model: ReportModel): Line {
  const p = model.period;
  // a label in words or ISO dates, said in another language ("bis 31. Aug. 2025"): as the report's cover says it
  const said = periodText(p.label);
  if (said !== p.label) return [t('email.period'), d(said)];
  // a week or a month names its days as the report's cover does (2025-W35 (25-31 Aug 2025))
  const dates = datesOfLabel(p.label) ?? (p.from && p.to ? (p.from === p.to ? formatDate(p.from) : `${formatDate(p.from)} – ${formatDate(p.to)}`) : null);
  return [t('email.period'), d(p.label), ...(dates && dates !== p.label ? [` (${dates})`] : [])];
}

function filterLines(model: ReportModel): Line {
  const f = model.scope.filters;
  const out: Line = [];
  const add = (name: string, values: string[]) => {
    if (!values.length) return;
    if (out.length) out.push('; ');
    out.push(`${name} `);
    values.forEach((v, i) => out.push(...(i ? [', '] : []), d(v)));
  };
  add(t('email.filter.platform'), f.platform);
  add(t('email.filter.country'), f.country);
  add(t('email.filter.category'), f.category);
  add(t('email.filter.creator'), f.creator);
  if (f.minViews > 0) out.push(`${out.length ? '; ' : ''}${t('email.filter.minViews', { n: formatInt(f.minViews) })}`);
  return out.length ? [t('email.filters'), ...out] : [t('email.filters.none')];
}

function qualityLine(model: ReportModel, off: readonly string[] = []): Line | null {
  const dropped = Object.entries(model.input.rowsDropped).filter(([reason, n]) => n > 0 && reason !== MERGED_REASON);
  if (!dropped.length) return null;
  const total = dropped.reduce((s, [, n]) => s + n, 0);
  const why = dropped.map(([reason, n]) => `${formatInt(n)} ${reason}`).join(', ');
  return [t(off.includes('explorer') ? 'email.quality' : 'email.quality.explorer', { dropped: formatInt(total), read: formatInt(model.input.rowsRead), why })];
}

interface KpiRow {
  key: string;
  label: string;
  value: number | null;
  shown: string;
  change: string | null;
}

function kpiRows(model: ReportModel): KpiRow[] {
  const cmp = model.comparison;
  return HEADLINE.map((k) => {
    const value = model.overview[k.key] as number | null;
    const c = cmp?.changes[k.key];
    let change: string | null = null;
    if (cmp && c) {
      // rates change in percentage points; counts show the absolute and the relative change
      const isRate = k.key === 'medianEngagementRate' || k.key === 'highViralPotentialShare';
      change = isRate ? k.signed(c.absolute) : `${k.signed(c.absolute)} (${formatSignedPct(c.percent, 1)})`;
    }
    return { key: k.key, label: t(k.label), value, shown: kpiFigure(value, k.format), change: value === null ? null : change };
  });
}

// ---------------------------------------------------------------------------
// The two bodies

interface Body {
  /** the html lang of the email's words */
  lang: string;
  heading: string;
  lines: Line[]; // period, filters
  kpis: KpiRow[] | null;
  comparedWith: string | null;
  findings: Line[];
  quality: Line | null;
  files: Line[];
  filesNote: Line | null;
  link: string | null;
  footer: Line;
  /** branding: the heading and link colour (readable on the white card), the footer line, whether the logo is inline */
  ink: string;
  linkColour: string;
  brandFooter: string | null;
  logo: boolean;
}

function bodyOf(input: ComposeInput, attached: AttachmentFile[], leftOut: string | null): Body {
  const { model } = input;
  const findings = input.notice ? [] : keyFindings(model.insights).map(insightLine);
  const files = attached.map((f): Line => [`${f.name} (${formatBytes(f.bytes)})`]);
  let filesNote: Line | null = null;
  if (input.notice) filesNote = [t('email.notice')];
  else if (leftOut) filesNote = [leftOut];
  else if (!attached.length) filesNote = [t('email.noFiles')];
  return {
    lang: langOf(),
    heading: headerText(model.report.title, 300),
    lines: [periodLine(model), filterLines(model)],
    kpis: input.notice ? null : kpiRows(model),
    comparedWith: model.comparison ? model.comparison.period.label : null,
    findings,
    quality: input.notice ? null : qualityLine(model, input.off),
    files,
    filesNote,
    link: input.publicUrl,
    // the accent made readable as the report makes it (WCAG 4.5:1 on the light page)
    ink: input.branding?.accent ? accentSet(input.branding.accent, 'light').set.ink : INK,
    linkColour: input.branding?.accent ? accentSet(input.branding.accent, 'light').set.ink : LINK,
    brandFooter: input.branding?.footer ?? null,
    logo: emailLogo(input.branding) !== null,
    footer: [...tp('email.footer', { version: model.generator.version, date: formatDateTime(model.generatedAt), path: { value: model.input.path } }).map((p) => (typeof p === 'string' ? p : d(p.value)))],
  };
}

function textOf(b: Body): string {
  const out: string[] = [b.heading, '='.repeat(Math.min(60, [...b.heading].length)), ''];
  for (const l of b.lines) out.push(asText(l));
  if (b.kpis) {
    out.push('', b.comparedWith ? t('email.headline.against', { period: `${FSI}${b.comparedWith}${PDI}` }) : t('email.headline'));
    for (const k of b.kpis) out.push(`  ${k.label}: ${k.shown}${k.change ? `  (${k.change})` : ''}`);
  }
  if (b.findings.length) {
    out.push('', t('cover.keyFindings'));
    for (const f of b.findings) out.push(`  - ${asText(f)}`);
  }
  if (b.quality) out.push('', asText(b.quality));
  if (b.files.length) {
    out.push('', t('email.attached'));
    for (const f of b.files) out.push(`  - ${asText(f)}`);
  }
  if (b.filesNote) out.push('', asText(b.filesNote));
  if (b.link) out.push('', t('email.fullReport', { url: b.link }));
  out.push('', '-- ', ...(b.brandFooter ? [b.brandFooter] : []), asText(b.footer), '');
  return out.join('\n');
}

const FONT = "font-family:-apple-system,'Segoe UI',Helvetica,Arial,sans-serif";
const INK = '#1f2328';
const MUTED = '#59636e';
const LINK = '#0969da';

function htmlOf(b: Body): string {
  const p = (inner: string, style = '') => `<p style="margin:0 0 8px;${style}">${inner}</p>`;
  const section = (title: string) => `<h2 style="margin:20px 0 8px;font-size:16px;line-height:1.3;color:${b.ink}">${esc(title)}</h2>`;
  const h: string[] = [];
  if (b.logo) h.push(`<img src="cid:${LOGO_CID}" alt="" height="40" style="display:block;height:40px;width:auto;max-width:200px;margin:0 0 12px;border:0">`);
  h.push(`<h1 style="margin:0 0 12px;font-size:22px;line-height:1.25;color:${b.ink}"><bdi>${esc(b.heading)}</bdi></h1>`);
  for (const l of b.lines) h.push(p(asHtml(l), `color:${MUTED};font-size:14px`));
  if (b.kpis) {
    h.push(section(t('email.headline')));
    const th = `style="text-align:left;padding:6px 8px;border-bottom:1px solid #d1d9e0;font-size:12px;color:${MUTED};font-weight:600"`;
    const rows = b.kpis.map((k) =>
      `<tr><td style="padding:8px;border-bottom:1px solid #eef1f4;font-size:14px">${esc(k.label)}</td>` +
      `<td style="padding:8px;border-bottom:1px solid #eef1f4;font-size:16px;font-weight:600;text-align:right;white-space:nowrap" data-kpi="${esc(k.key)}" data-value="${k.value === null ? '' : esc(String(k.value))}">${esc(k.shown)}</td>` +
      (b.comparedWith ? `<td style="padding:8px;border-bottom:1px solid #eef1f4;font-size:12px;color:${MUTED};text-align:right;white-space:nowrap">${esc(k.change ?? MISSING)}</td>` : '') +
      '</tr>').join('');
    const head = `<tr><th ${th}>${esc(t('email.col.figure'))}</th><th ${th.replace('text-align:left', 'text-align:right')}>${esc(t('email.col.thisPeriod'))}</th>${b.comparedWith ? `<th ${th.replace('text-align:left', 'text-align:right')}>${esc(t('email.col.changeVs'))} <bdi style="white-space:nowrap">${esc(b.comparedWith)}</bdi></th>` : ''}</tr>`;
    h.push(`<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="border-collapse:collapse;width:100%">${head}${rows}</table>`);
  }
  if (b.findings.length) {
    h.push(section(t('cover.keyFindings')));
    h.push(`<ul style="margin:0;padding:0 0 0 20px">${b.findings.map((f) => `<li style="margin:0 0 6px;font-size:14px;line-height:1.45">${asHtml(f)}</li>`).join('')}</ul>`);
  }
  if (b.quality) h.push(p(asHtml(b.quality), `margin-top:16px;padding:8px 10px;background:#fff8c5;border-left:3px solid #d4a72c;font-size:13px`));
  if (b.files.length) {
    h.push(section(t('email.attached')));
    h.push(`<ul style="margin:0;padding:0 0 0 20px">${b.files.map((f) => `<li style="font-size:14px">${asHtml(f)}</li>`).join('')}</ul>`);
  }
  if (b.filesNote) h.push(p(asHtml(b.filesNote), 'margin-top:16px;font-size:14px'));
  if (b.link) h.push(p(`<a href="${esc(b.link)}" style="color:${b.linkColour}">${esc(t('email.openReport'))}</a>`, 'margin-top:16px;font-size:14px'));
  // the brand's footer line (a confidentiality note) at the foot, above the generator's line
  if (b.brandFooter) h.push(p(esc(b.brandFooter), `margin-top:24px;font-size:12px;color:${INK};font-weight:600`));
  h.push(p(asHtml(b.footer), `${b.brandFooter ? 'margin-top:4px' : 'margin-top:24px'};font-size:12px;color:${MUTED}`));
  return (
    `<!DOCTYPE html><html lang="${esc(b.lang)}"><head>` +
    '<meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">' +
    `<title>${esc(b.heading)}</title></head>` +
    `<body style="margin:0;padding:0;background:#f6f8fa;${FONT};color:${INK}">` +
    // the layout tables are presentation; a main landmark holds the message for screen readers
    '<div role="main">' +
    '<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f6f8fa;width:100%"><tr><td align="center" style="padding:16px 8px">' +
    '<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:640px;width:100%;background:#ffffff;border:1px solid #d1d9e0;border-radius:6px">' +
    `<tr><td style="padding:20px 16px;${FONT};word-wrap:break-word;overflow-wrap:anywhere">${h.join('\n')}</td></tr></table>` +
    '</td></tr></table></div></body></html>\n'
  );
}

// ---------------------------------------------------------------------------

/** base64 as MIME writes it: 4 characters per 3 bytes, in lines of 76 plus CRLF. */
const base64Size = (bytes: number) => {
  const chars = Math.ceil(bytes / 3) * 4;
  return chars + Math.ceil(chars / 76) * 2;
};

/** A deterministic MIME boundary: the same message always gets the same one. */
const boundaryOf = (messageId: string) => createHash('sha256').update(messageId).digest('hex').slice(0, 24);

async function build(input: ComposeInput, attached: AttachmentFile[], leftOut: string | null): Promise<Buffer> {
  const { email, model } = input;
  const body = bodyOf(input, attached, leftOut);
  const html = htmlOf(body);
  // loaded on first use: a build without delivery does not pay for nodemailer's start-up
  const { default: MailComposer } = await import('nodemailer/lib/mail-composer');
  const composer = new MailComposer({
    from: email.from,
    to: toOf(email, input.split),
    cc: email.cc.length ? email.cc : undefined,
    replyTo: email.replyTo.length ? email.replyTo : undefined,
    subject: subjectOf(email, model, input.runDate),
    messageId: input.messageId,
    date: new Date(model.generatedAt),
    baseBoundary: boundaryOf(input.messageId),
    text: textOf(body),
    html: Buffer.byteLength(html) <= MAX_HTML_BYTES ? html : undefined,
    attachments: [
      // the logo inline (Content-ID), in every version of the message: it is part of the body
      ...((logo) => (logo ? [{ ...logo, cid: LOGO_CID, contentDisposition: 'inline' as const }] : []))(emailLogo(input.branding)),
      ...(await Promise.all(attached.map(async (f) => ({ filename: f.name, content: await f.read(), contentType: MIME[f.format] })))),
    ],
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  const node = composer.compile();
  const built = await new Promise<Buffer>((resolve, reject) => node.build((err: Error | null, buf: Buffer) => (err ? reject(err) : resolve(buf))));
  // every line ends in CRLF, as the SMTP client would send it: message.eml is then the exact bytes
  // (the message is 7-bit: quoted-printable and base64 parts, encoded headers)
  return Buffer.from(built.toString('latin1').replace(/\r?\n/g, '\r\n'), 'latin1');
}

/**
 * The message of one report. Attachments are added only when the encoded message stays within
 * `maxBytes` (estimated first, so a large CSV is not read for nothing, then measured).
 */
export function composeMessage(input: ComposeInput): Promise<ComposedMessage> {
  // the words, figures and dates of the message in the report's locale
  return withLocale(input.locale ?? DEFAULT_LOCALE, () => composeInLocale(input));
}

async function composeInLocale(input: ComposeInput): Promise<ComposedMessage> {
  const { email } = input;
  const recipients = addressesOf([...toOf(email, input.split), ...email.cc]);
  const candidates = input.notice ? [] : input.files;
  const bare = await build(input, [], null);
  if (!candidates.length) return { eml: bare, recipients, attached: [], leftOut: null };
  const estimate = bare.length + candidates.reduce((s, f) => s + base64Size(f.bytes) + 300, 0);
  if (estimate <= email.maxBytes * 1.02) {
    const full = await build(input, candidates, null);
    if (full.length <= email.maxBytes) return { eml: full, recipients, attached: candidates.map((f) => f.name), leftOut: null };
    const why = tooLarge(candidates, full.length, email.maxBytes, input.publicUrl);
    return { eml: await build(input, [], why), recipients, attached: [], leftOut: why };
  }
  const why = tooLarge(candidates, estimate, email.maxBytes, input.publicUrl);
  return { eml: await build(input, [], why), recipients, attached: [], leftOut: why };
}

function tooLarge(files: AttachmentFile[], size: number, max: number, url: string | null): string {
  const list = files.map((f) => `${f.name} (${formatBytes(f.bytes)})`).join(', ');
  const where = url ? t('email.tooLarge.url', { url }) : t('email.tooLarge.folder');
  return t('email.tooLarge', { list, size: formatBytes(size), max: formatBytes(max), where });
}

/** The Message-ID of a report's message: from its id, period and content, stable across rebuilds of the same. */
export function messageIdOf(reportId: string, periodLabel: string, contentHash: string, from: string): string {
  const domain = parseMailbox(from)?.address.split('@')[1] ?? 'localhost';
  const safe = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'x';
  return `<svreport.${safe(reportId)}.${safe(periodLabel)}.${contentHash.slice(0, 32)}@${domain}>`;
}
