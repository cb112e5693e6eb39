// The PDF stage of a run: one hardened browser prints every report, and a render gate refuses
// to publish a PDF that is broken (too few pages, or a title glyph no installed font can draw).
import { writeFile } from 'node:fs/promises';
import type { Config, ReportModel } from '../types.ts';
import { ReportError, EXIT } from '../errors.ts';
import { resolveBrowserExecutable } from './browser.ts';
import { PdfPrinter } from './pdf.ts';
import { missingGlyphs, pdfPages } from './fonts.ts';
import type { Logger } from '../log.ts';

export interface PrintJob {
  model: ReportModel;
  html: string;
  out: string;
}

export interface PrintResult {
  /** no browser could be found: the other formats are still written, the run exits 4 */
  unavailable: ReportError | null;
  warnings: string[];
}

const SECTIONS = 6;

/** The browser of a run, launched at the start so Chromium boots while the data is read. */
export interface BrowserSession {
  /** no browser could be found: the other formats are still written, the run exits 4 */
  unavailable: ReportError | null;
  printer: Promise<PdfPrinter> | null;
  close(): Promise<void>;
}

export function openBrowser(config: Config): BrowserSession {
  let executable: string;
  try {
    executable = resolveBrowserExecutable({ configured: config.pdf.executablePath }).path;
  } catch (err) {
    if (err instanceof ReportError) return { unavailable: err, printer: null, close: async () => {} };
    throw err;
  }
  const printer = PdfPrinter.launch({ executablePath: executable, printTimeoutMs: config.pdf.timeoutMs });
  printer.catch(() => {}); // a launch failure is reported when the PDF stage awaits it
  return { unavailable: null, printer, close: () => printer.then((p) => p.close(), () => {}) };
}

/** Prints on two pages at once: the two cores share Chromium's layout work of a batch. */
const CONCURRENT_PRINTS = 2;

export async function printReports(jobs: PrintJob[], session: BrowserSession, config: Config, log: Logger): Promise<PrintResult> {
  if (session.unavailable || !session.printer) return { unavailable: session.unavailable, warnings: [] };
  const printer = await session.printer;
  const warnings: string[][] = jobs.map(() => []);
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const i = next++;
      const job = jobs[i];
      const pdf = await printer.print(job.html, {
        format: config.pdf.format,
        landscape: config.pdf.landscape,
        headerTitle: job.model.report.title,
        periodLabel: job.model.period.label,
      });
      warnings[i] = await checkPdf(pdf, job.model);
      await writeFile(job.out, pdf);
      log.info(`printed ${job.model.report.id} (${Math.round(pdf.length / 1024)} KiB)`);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENT_PRINTS, jobs.length) }, worker));
  // the same warning (e.g. no poppler) once, in report order
  return { unavailable: null, warnings: [...new Set(warnings.flat())] };
}

/** Texts of the model that the PDF shows and that come from the data. */
export function printedTexts(model: ReportModel): string[] {
  const texts = [model.report.title];
  for (const c of model.virality.top) texts.push(c.title ?? '', c.creator ?? '', c.platform ?? '');
  for (const c of model.creators.top) texts.push(c.creator);
  for (const c of model.content.categories) texts.push(c.category);
  for (const h of model.content.hashtags) texts.push(h.hashtag);
  for (const row of model.explorer.preview.rows) for (const v of row) if (typeof v === 'string') texts.push(v);
  return texts.filter(Boolean);
}

/** The render gate: warnings for what cannot be checked here, a render error for what is broken. */
async function checkPdf(pdf: Uint8Array, model: ReportModel): Promise<string[]> {
  const warnings: string[] = [];
  const id = model.report.id;
  let pages: number | null;
  try {
    pages = await pdfPages(pdf);
  } catch (err) {
    throw new ReportError(EXIT.render, `Report "${id}": the printed PDF could not be checked (pdfinfo failed: ${String((err as Error)?.message ?? err).split('\n')[0]}).`, [], { cause: err });
  }
  if (pages === null) warnings.push('poppler-utils (pdfinfo) is not installed: the PDF page count was not checked.');
  else if (pages < SECTIONS) {
    throw new ReportError(EXIT.render, `Report "${id}": the PDF has ${pages} page(s), fewer than its ${SECTIONS} sections.`);
  }
  const missing = await missingGlyphs(printedTexts(model));
  if (missing === null) warnings.push('fontconfig (fc-list) is not available: glyph coverage of titles was not checked.');
  else if (missing.length) {
    const chars = missing.slice(0, 5).map((c) => `"${c}" (U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')})`).join(', ');
    throw new ReportError(
      EXIT.render,
      `Report "${id}": no installed font can draw ${chars}; install fonts-noto-core, fonts-noto-cjk and fonts-noto-color-emoji.`,
    );
  }
  return warnings;
}
