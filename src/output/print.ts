// The PDF stage of a run: one hardened browser prints every report, and a render gate refuses
// to publish a PDF that is broken (too few pages, or a script the text uses widely with no font
// at all); a character no font draws is printed as a placeholder, counted, and warned about.
import { DEFAULT_LOCALE, t, withLocale } from '../i18n/index.ts';
import { writeFile } from 'node:fs/promises';
import type { Config, ReportModel } from '../types.ts';
import { ReportError, EXIT } from '../errors.ts';
import { resolveBrowserExecutable } from './browser.ts';
import { PdfPrinter } from './pdf.ts';
import { installedGlyphsAsync, pdfPages, pdfText, preloadGlyphCoverage, PLACEHOLDER } from './fonts.ts';
import { Display } from './display.ts';
import { truncateForDisplay, formatPct, withDates, NAME_GRAPHEMES, TEXT_GRAPHEMES } from '../format.ts';
import type { Logger } from '../log.ts';
import { SECTIONS } from '../sections/registry.ts';

export interface PrintJob {
  model: ReportModel;
  html: string;
  out: string;
  /** the sections the report shows (the page gate's floor); all the registry's by default */
  sections?: number;
  /** the sections shown, in order: the table of contents on the cover gets the page each starts on */
  toc?: readonly { id: string; title: string }[];
  /** the sections follow one another on the pages after the cover (a small report, html.ts printsAsOneFlow) */
  flow?: boolean;
  /** the `branding.footer` line printed at the foot of every page, or none */
  footer?: string | null;
  /** the report's locale: the words of the page footer */
  locale?: string;
}

export interface PrintResult {
  /** no browser could be found: the build stops (exit 4) before anything is written */
  unavailable: ReportError | null;
  warnings: string[];
}


/** Prints on two pages at once: the two cores share Chromium's layout work of a batch. */
const CONCURRENT_PRINTS = 2;

/**
 * The PDF side of a run, as the build sees it (tests swap it through BuildEffects.printer):
 * start() launches the browser at the beginning of the run, add() hands over a report as soon as
 * its HTML exists, finish() is its `done` (no more reports: every print awaited), abort() drops
 * what is queued after a failure elsewhere, close() ends the browser.
 */
export interface Printer {
  /** launches the browser so it boots while the data is read; the error when none is found (exit 4) */
  start(): ReportError | null;
  /** set at the first failed print: the run stops before the next report */
  readonly failure: unknown;
  add(job: PrintJob): void;
  finish(): Promise<PrintResult>;
  abort(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Prints reports as they are handed over, two at a time, while the caller goes on computing the
 * next ones (Chromium works in its own processes, so printing overlaps the main thread's work).
 * `failure` is set at the first failed print; finish() waits for every print and throws it.
 */
export class PrintQueue implements Printer {
  #queue: { job: PrintJob; index: number }[] = [];
  #running = 0;
  #added = 0;
  #warnings: string[][] = [];
  #idle: (() => void)[] = []; // waiting for the queue to drain
  #printer: Promise<PdfPrinter> | null = null;
  #unavailable: ReportError | null = null;
  failure: unknown = null;

  constructor(
    private readonly config: Config,
    private readonly log: Logger,
    /** where PUPPETEER_EXECUTABLE_PATH is looked up: the environment cli.ts passes down */
    private readonly env: Record<string, string | undefined>,
  ) {}

  /** Launches the browser now, so Chromium boots while the data is read. */
  start(): ReportError | null {
    let executable: string;
    try {
      executable = resolveBrowserExecutable({ configured: this.config.pdf.executablePath, env: this.env }).path;
    } catch (err) {
      if (err instanceof ReportError) return (this.#unavailable = err);
      throw err;
    }
    this.#printer = PdfPrinter.launch({ executablePath: executable, printTimeoutMs: this.config.pdf.timeoutMs });
    this.#printer.catch(() => {}); // a launch failure is reported when the PDF stage awaits it
    preloadGlyphCoverage(); // fc-list for the render gate, also while the data is read
    return null;
  }

  /** Queues a print; without a browser (finish() reports why) or after a failure it does nothing. */
  add(job: PrintJob): void {
    if (!this.#printer || this.failure) return;
    this.#queue.push({ job, index: this.#added++ });
    this.#pump();
  }

  async finish(): Promise<PrintResult> {
    if (this.#unavailable || !this.#printer) return { unavailable: this.#unavailable, warnings: [] };
    await this.#drained();
    if (this.failure) throw this.failure;
    // the same warning (e.g. no poppler) once, in report order
    return { unavailable: null, warnings: [...new Set(this.#warnings.flat())] };
  }

  /** Drops what is queued and waits for the prints in flight (the run failed elsewhere). */
  async abort(): Promise<void> {
    this.#queue.length = 0;
    await this.#drained();
  }

  /** Ends the browser (and removes its profile); safe to call more than once. */
  close(): Promise<void> {
    return this.#printer ? this.#printer.then((p) => p.close(), () => {}) : Promise.resolve();
  }

  #drained(): Promise<void> {
    if (this.#running === 0 && this.#queue.length === 0) return Promise.resolve();
    return new Promise<void>((resolve) => this.#idle.push(resolve));
  }

  #pump(): void {
    while (this.#running < CONCURRENT_PRINTS && this.#queue.length > 0 && !this.failure) {
      const { job, index } = this.#queue.shift()!;
      this.#running++;
      this.#print(job, index)
        .catch((err) => {
          this.failure ??= err;
          this.#queue.length = 0;
        })
        .finally(() => {
          this.#running--;
          this.#pump();
          if (this.#running === 0 && this.#queue.length === 0) for (const done of this.#idle.splice(0)) done();
        });
    }
  }

  async #print(job: PrintJob, index: number): Promise<void> {
    const printer = await this.#printer!;
    const options = {
      format: this.config.pdf.format,
      landscape: this.config.pdf.landscape,
      headerTitle: new Display(await installedGlyphsAsync()).text(job.model.report.title),
      // a week or a month with its days, as on the cover (SPEC 10)
      periodLabel: withLocale(job.locale ?? DEFAULT_LOCALE, () => withDates(job.model.period.label)),
      footer: job.footer ?? null,
      pageOf: withLocale(job.locale ?? DEFAULT_LOCALE, () => ({ page: t('pdf.page'), of: t('pdf.of') })),
    };
    // two passes: the first finds the page each section starts on, the second prints them in
    // the cover's table of contents (the numbers' boxes keep their width, so nothing moves)
    let pdf = await printer.print(job.html, options);
    const warnings: string[] = [];
    if (job.toc?.length && job.html.includes(TOC_MARK)) {
      const text = await pdfText(pdf);
      if (!text) warnings.push(NO_TOC_PAGES);
      else {
        const starts = sectionStartPages(text.text.split('\f'), job.toc);
        if (starts.size) pdf = await printer.print(withTocPages(job.html, starts), options);
      }
    }
    this.#warnings[index] = [...warnings, ...(await checkPdf(pdf, job.model, job.sections, job.flow))];
    await writeFile(job.out, pdf);
    this.log.info(`printed ${job.model.report.id} (${Math.round(pdf.length / 1024)} KiB)`);
  }
}

// ---------------------------------------------------------------------------
// The table of contents' page numbers (templates/layout.hbs: <span class="toc-page" data-toc="<id>">)

const TOC_MARK = 'class="toc-page" data-toc="';
const NO_TOC_PAGES = 'poppler-utils (pdftotext) is not installed: the table of contents on the cover has no page numbers.';

/**
 * The page (1-based) each section starts on, from the PDF's text page by page (pdftotext
 * -layout): its number ("01", alone on its line) and then its title open the section's head.
 * The cover's table of contents puts number and title on one line, so it never matches; a
 * section whose head is not found is left out (its entry stays without a number).
 */
export function sectionStartPages(pages: readonly string[], sections: readonly { id: string; title: string }[]): Map<string, number> {
  const starts = new Map<string, number>();
  sections.forEach((s, i) => {
    const number = String(i + 1).padStart(2, '0');
    const title = s.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const head = new RegExp(`(?:^|\\n)[ \\t]*${number}[ \\t]*\\n(?:[ \\t]*\\n)*[ \\t]*${title}[ \\t]*(?:\\n|$)`);
    const page = pages.findIndex((text) => head.test(text));
    if (page >= 0) starts.set(s.id, page + 1);
  });
  return starts;
}

/** The report's HTML with each section's start page in its table-of-contents entry. */
export function withTocPages(html: string, starts: ReadonlyMap<string, number>): string {
  let out = html;
  for (const [id, page] of starts) out = out.replace(`${TOC_MARK}${id}"></span>`, `${TOC_MARK}${id}">${page}</span>`);
  return out;
}

/** Texts of the model that the PDF shows and that come from the data, as far as it shows them. */
export function printedTexts(model: ReportModel): string[] {
  const name = (s: string | null) => truncateForDisplay(s ?? '', NAME_GRAPHEMES);
  const text = (s: string | null) => truncateForDisplay(s ?? '', TEXT_GRAPHEMES);
  const texts = [text(model.report.title)];
  for (const c of model.virality.top) texts.push(text(c.title), name(c.creator), name(c.platform));
  for (const c of model.creators.top) texts.push(name(c.creator));
  for (const c of model.content.categories) texts.push(name(c.category));
  for (const h of model.content.hashtags) texts.push(name(h.hashtag));
  for (const row of model.explorer.preview.rows) for (const v of row) if (typeof v === 'string') texts.push(text(v));
  return texts.filter(Boolean);
}

/**
 * A report prints each of the sections it shows (the registry's less those left out) on a page of
 * its own at least, or (`flow`, a small report) a cover and a page of sections: fewer pages is a broken print.
 */
export function checkPageCount(id: string, pages: number, sections = SECTIONS.length, flow = false): void {
  if (flow && pages < 2 && sections > 0) {
    throw new ReportError(EXIT.render, `Report "${id}": the PDF has ${pages} page(s), fewer than its cover and a page of its ${sections} sections.`);
  }
  if (!flow && pages < sections) {
    throw new ReportError(EXIT.render, `Report "${id}": the PDF has ${pages} page(s), fewer than its ${sections} sections.`);
  }
}

/** The render gate: warnings for what cannot be checked here, a render error for what is broken. */
async function checkPdf(pdf: Uint8Array, model: ReportModel, sections?: number, flow = false): Promise<string[]> {
  const warnings: string[] = [];
  const id = model.report.id;
  let pages: number | null;
  try {
    pages = await pdfPages(pdf);
  } catch (err) {
    throw new ReportError(EXIT.render, `Report "${id}": the printed PDF could not be checked (pdfinfo failed: ${String((err as Error)?.message ?? err).split('\n')[0]}).`, [], { cause: err });
  }
  if (pages === null) warnings.push('poppler-utils (pdfinfo) is not installed: the PDF page count was not checked.');
  else checkPageCount(id, pages, sections, flow);
  const glyphs = await installedGlyphsAsync();
  if (!glyphs.fontsChecked) {
    warnings.push(`fontconfig (fc-list) is not available: only characters no font can draw (private use, unassigned) were shown as ${PLACEHOLDER}; the installed fonts were not checked.`);
  }
  const [wide] = glyphs.scriptsWithoutFont(printedTexts(model));
  if (wide) {
    throw new ReportError(
      EXIT.render,
      `Report "${id}": no installed font draws the ${wide.script} script, ${formatPct(wide.share, 0)} of the text the report shows ` +
        `(e.g. "${wide.example}" U+${codePoint(wide.example)}); install a font for it (Debian: fonts-noto-core, or fonts-noto-cjk for Chinese, Japanese and Korean).`,
    );
  }
  const u = model.explorer.dataQuality.undrawable;
  if (u.cells > 0) {
    const seen = [...new Set(u.examples.flatMap((x) => x.codePoints))].slice(0, 5).join(', ');
    warnings.push(`Report "${id}": ${u.cells} cell(s) show ${PLACEHOLDER} for ${u.characters} character(s) no installed font draws (${seen}); see its data quality panel.`);
  }
  return warnings;
}

const codePoint = (ch: string) => ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
