// Prints self-contained report HTML to PDF with one headless Chromium serving many prints.
// The HTML carries untrusted text, so every print runs with JavaScript off, in a locked-down tab
// whose every request that is not a `data:` URL is aborted, under a watchdog that kills the
// browser on a hang or crash (exit code 4); close() leaves no process and no profile behind.
// A tab that printed cleanly is kept for the next print: a new tab costs a renderer process
// with cold fonts, about as much CPU as the print itself (nothing is ever fetched, so nothing a
// report loaded can be cached for the next one; a tab that failed is closed). The first tab is
// the blank page the browser opens at launch, locked down while the data is still being read:
// its renderer is already running, so the first print does not pay for starting one.

import fs from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, HTTPRequest, Page, PDFOptions } from 'puppeteer';
import { EXIT, ReportError } from '../errors.ts';
import { isHeadlessShell } from './browser.ts';
import { puppeteer } from './puppeteer.ts';
import { PROFILE_MARKER, markerText, newToken, removeOrphanFolders } from './owned.ts';
import { why } from './snapshot.ts';

export interface PrintOptions {
  format: 'A4' | 'Letter';
  landscape: boolean;
  /** report title, printed top left of every page (untrusted text) */
  headerTitle: string;
  /** reporting period, printed top right of every page (untrusted text) */
  periodLabel: string;
  /** `branding.footer`: one line at the foot of every page, left of the page number (escaped) */
  footer?: string | null;
  /** the footer's words around the page numbers, in the report's language ("page 2 of 16" by default) */
  pageOf?: { page: string; of: string };
}

export interface PrinterLaunchOptions {
  executablePath: string;
  launchTimeoutMs?: number; // defaults to 30000
  printTimeoutMs?: number; // defaults to 60000, for one whole print
}

/** Also written into every printed document: stops what request interception misses (`<link rel=prefetch>`). */
export const REPORT_CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; font-src data:";

const CHROME_ARGS = [
  '--no-sandbox', // root in CI; the page runs no script and loads nothing
  '--disable-dev-shm-usage', // Docker's 64 MB /dev/shm
  '--disable-background-networking',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
  '--disable-gpu',
  '--disable-extensions',
  '--disable-default-apps',
  '--mute-audio',
  // Belt and braces behind interception and the CSP: whatever still reaches the network stack
  // goes to a proxy that cannot resolve (loopback included), and no host name is ever looked up.
  '--proxy-server=http://svreport-no-network.invalid:9',
  '--proxy-bypass-list=<-loopback>',
  '--host-resolver-rules=MAP * ~NOTFOUND',
];

const CLOSE_GRACE_MS = 5_000;
const EXIT_WAIT_MS = 3_000;

/** A locked-down tab that prints one report at a time: in its own browser context, or (null) the launch's page. */
interface Tab {
  context: BrowserContext | null;
  page: Page;
}

export class PdfPrinter {
  readonly #browser: Browser;
  /** tabs that printed cleanly, ready for the next print */
  readonly #idle: Tab[] = [];
  readonly #userDataDir: string;
  readonly #printTimeoutMs: number;
  /** why the browser is gone (set on crash or timeout); every later print fails with it */
  #dead: string | null = null;
  /** the launch's blank page being locked down for the first print (never rejects) */
  #adopting: Promise<void> = Promise.resolve();
  #closing: Promise<void> | null = null;
  readonly #onProcessExit = () => this.#cleanupSync();

  private constructor(browser: Browser, userDataDir: string, printTimeoutMs: number) {
    this.#browser = browser;
    this.#userDataDir = userDataDir;
    this.#printTimeoutMs = printTimeoutMs;
    browser.on('disconnected', () => {
      if (!this.#closing) this.#dead ??= 'crashed';
    });
    // The browser's process may exit while a helper (or a wrapper script's child) still holds
    // its pipe, so puppeteer never sees a disconnect: kill the rest of its process group, which
    // closes the pipe and fails the prints in flight at once instead of at their timeout.
    const onExit = () => {
      if (this.#closing) return;
      this.#dead ??= 'crashed';
      killProcessTree(browser);
    };
    // (it may have exited already, between the launch resolving and this constructor: its 'exit'
    // event is then gone, and a print would wait for its timeout)
    const proc = browser.process();
    if (proc && (proc.exitCode !== null || proc.signalCode !== null)) onExit();
    else proc?.once('exit', onExit);
    // puppeteer kills the browser on exit/SIGINT; the profile directory is ours to remove
    process.on('exit', this.#onProcessExit);
  }

  static async launch(opts: PrinterLaunchOptions): Promise<PdfPrinter> {
    const launchTimeoutMs = opts.launchTimeoutMs ?? 30_000;
    const printTimeoutMs = opts.printTimeoutMs ?? 60_000;
    const pptr = puppeteer();
    await removeOrphanProfiles(os.tmpdir());
    const userDataDir = await makeProfile(os.tmpdir());
    // a signal that ends the process while the browser is still starting must not leave the
    // profile behind (the printer's own exit handler exists only once the launch returned)
    const removeProfile = () => fs.rmSync(userDataDir, { recursive: true, force: true });
    process.on('exit', removeProfile);
    const launching = pptr.launch({
      executablePath: opts.executablePath,
      headless: isHeadlessShell(opts.executablePath) ? 'shell' : true,
      pipe: true, // CDP over stdio: no DevTools port other local users could connect to
      args: [...CHROME_ARGS, `--user-data-dir=${userDataDir}`],
      timeout: launchTimeoutMs,
      protocolTimeout: Math.max(launchTimeoutMs, printTimeoutMs) + 10_000,
      handleSIGINT: true,
      handleSIGTERM: true,
      handleSIGHUP: true,
      dumpio: false,
    });
    const seconds = formatSeconds(launchTimeoutMs);
    const watch = watchLaunchedProcess(userDataDir);
    const died = watch.exited.then(() => {
      throw new ReportError(EXIT.render, `The browser at "${opts.executablePath}" exited while starting.`);
    });
    died.catch(() => {});
    try {
      const browser = await withDeadline(Promise.race([launching, died]), launchTimeoutMs + 2_000, () => {
        // a launch that finishes after we gave up must not leave a browser behind
        launching.then((late) => killProcessTree(late), () => {});
        return new ReportError(EXIT.render, `The browser at "${opts.executablePath}" did not start within ${seconds} s.`);
      });
      watch.stop();
      const printer = new PdfPrinter(browser, userDataDir, printTimeoutMs);
      process.off('exit', removeProfile);
      printer.#adopting = printer.#adoptLaunchPage();
      return printer;
    } catch (error) {
      watch.stop();
      launching.then((late) => killProcessTree(late), () => {});
      process.off('exit', removeProfile);
      await rm(userDataDir, { recursive: true, force: true, maxRetries: 3 });
      if (error instanceof ReportError) throw error;
      const reason = isTimeout(error) ? `did not start within ${seconds} s` : `did not start (${firstLine(error)})`;
      throw new ReportError(EXIT.render, `The browser at "${opts.executablePath}" ${reason}.`, [], { cause: error });
    }
  }

  /** pid of the browser process, for tests and diagnostics */
  get pid(): number | undefined {
    return this.#browser.process()?.pid;
  }

  async print(html: string, opts: PrintOptions): Promise<Uint8Array> {
    const what = `"${forTerminal(opts.headerTitle)}"`;
    if (this.#closing) throw new Error('PdfPrinter.print() called after close()');
    if (this.#dead) throw new ReportError(EXIT.render, `The browser is no longer running (it ${this.#dead} earlier), so ${what} was not printed.`);

    // 1. Watchdog: aborted navigations can hang puppeteer calls forever (puppeteer#9196), so each
    //    call races a deadline and a crash; either kills the browser and fails the print.
    let fail!: (error: ReportError) => void;
    const failed = new Promise<never>((_, reject) => (fail = reject));
    failed.catch(() => {});
    const crashed = () => new ReportError(EXIT.render, `The browser crashed while printing ${what}.`);
    const timedOut = () =>
      new ReportError(EXIT.render, `The browser timed out after ${formatSeconds(this.#printTimeoutMs)} s while printing ${what}.`);
    const timer = setTimeout(() => {
      this.#dead ??= 'timed out';
      fail(timedOut());
      killProcessTree(this.#browser);
    }, this.#printTimeoutMs);
    const onDisconnected = () => fail(crashed());
    this.#browser.on('disconnected', onDisconnected);
    const step = <T>(work: Promise<T>): Promise<T> => Promise.race([work, failed]);

    let tab: Tab | undefined;
    let clean = false;
    const onPageError = () => fail(new ReportError(EXIT.render, `The browser's page crashed while printing ${what}.`));
    try {
      // 2. A kept tab, or a new locked-down one.
      await step(this.#adopting); // under the watchdog too: a browser that hangs here times out
      tab = this.#idle.pop() ?? (await step(this.#openTab()));
      const page = tab.page;
      page.once('error', onPageError);

      // 3. Load the HTML in place (never from file://) and make sure it stayed there.
      await step(page.setContent(withContentSecurityPolicy(html), { waitUntil: 'load', timeout: this.#printTimeoutMs }));
      assertStillAtBlank(page, what);

      // 4. Print.
      const pdf = await step(page.pdf(pdfOptions(opts, this.#printTimeoutMs)));
      assertStillAtBlank(page, what);
      clean = true;
      return pdf;
    } catch (error) {
      if (this.#dead || !this.#browser.connected || isTimeout(error)) {
        const timeout = this.#dead === 'timed out' || (!this.#dead && isTimeout(error));
        this.#dead ??= timeout ? 'timed out' : 'crashed';
        killProcessTree(this.#browser); // its helpers too, and reap it so the pid is really gone
        await this.#waitForExit();
        throw timeout ? timedOut() : crashed();
      }
      if (error instanceof ReportError) throw error;
      throw new ReportError(EXIT.render, `The browser could not print ${what}: ${firstLine(error)}.`, [], { cause: error });
    } finally {
      clearTimeout(timer);
      this.#browser.off('disconnected', onDisconnected);
      tab?.page.off('error', onPageError);
      if (tab && clean && !this.#dead && !this.#closing) this.#idle.push(tab);
      else if (tab && !this.#dead) await this.#closeTab(tab);
    }
  }

  /** tabs kept for the next prints (diagnostics and tests) */
  get idleTabs(): number {
    return this.#idle.length;
  }

  /** browser contexts opened for tabs, beyond the default one of the launch page (diagnostics and tests) */
  get openedContexts(): number {
    return this.#browser.browserContexts().length - 1;
  }

  async #openTab(): Promise<Tab> {
    const context = await this.#browser.createBrowserContext();
    try {
      const page = await context.newPage();
      await prepareTab(page);
      return { context, page };
    } catch (error) {
      await context.close().catch(() => {});
      throw error;
    }
  }

  /**
   * The blank page the browser opened at launch becomes the first idle tab: its renderer starts
   * with the browser, while the data is read, instead of when the first report is ready (a
   * renderer costs about 0.4 s of CPU to start). Locked down like any other tab; when anything
   * goes wrong it is closed and the first print opens a tab of its own.
   */
  async #adoptLaunchPage(): Promise<void> {
    let page: Page | undefined;
    try {
      page = (await this.#browser.defaultBrowserContext().pages()).find((p) => p.url() === 'about:blank');
      if (!page) return;
      await withDeadline(prepareTab(page), CLOSE_GRACE_MS, () => new Error('the launch page did not answer'));
      if (this.#closing || this.#dead) return;
      this.#idle.push({ context: null, page });
    } catch {
      await page?.close().catch(() => {});
    }
  }

  async #closeTab(tab: Tab): Promise<void> {
    const closed = await withDeadline(
      (tab.context ?? tab.page).close().then(() => true, () => true),
      CLOSE_GRACE_MS,
      () => false,
    ).catch(() => false);
    if (!closed) {
      this.#dead ??= 'hung';
      killProcessTree(this.#browser);
    }
  }

  /** Closes the browser (killing it if close hangs) and removes its profile. Safe to call twice. */
  close(): Promise<void> {
    this.#closing ??= this.#close();
    return this.#closing;
  }

  async #close(): Promise<void> {
    process.off('exit', this.#onProcessExit);
    if (this.#browser.connected) {
      const closed = await withDeadline(
        this.#browser.close().then(() => true, () => false),
        CLOSE_GRACE_MS,
        () => false,
      ).catch(() => false);
      if (!closed) killProcessTree(this.#browser);
    }
    if (!(await this.#waitForExit())) {
      killProcessTree(this.#browser);
      await this.#waitForExit();
    }
    killProcessTree(this.#browser); // stray renderers of a crashed browser share its process group
    await rm(this.#userDataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  }

  /** Resolves true once the browser process has exited and been reaped (so its pid is free). */
  #waitForExit(): Promise<boolean> {
    const proc = this.#browser.process();
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = (exited: boolean) => {
        clearTimeout(timer);
        proc.off('exit', onExit);
        resolve(exited);
      };
      const onExit = () => done(true);
      const timer = setTimeout(() => done(false), EXIT_WAIT_MS);
      proc.once('exit', onExit);
    });
  }

  #cleanupSync(): void {
    killProcessTree(this.#browser);
    try {
      fs.rmSync(this.#userDataDir, { recursive: true, force: true });
    } catch {
      // the process is exiting; nothing more to do
    }
  }
}

// ---
// Browser profiles: a fresh folder per run in the temporary folder, marked as ours

const PROFILE_PREFIX = 'svreport-chrome-';

/** Creates the run's profile folder with our marker inside; a temporary folder that cannot hold it is exit 4 naming it. */
async function makeProfile(tmp: string): Promise<string> {
  let dir: string | null = null;
  try {
    dir = await mkdtemp(path.join(tmp, PROFILE_PREFIX));
    await writeFile(path.join(dir, PROFILE_MARKER), markerText(newToken()));
    return dir;
  } catch (error) {
    if (dir) await rm(dir, { recursive: true, force: true }).catch(() => {});
    throw new ReportError(
      EXIT.render,
      `Cannot create the browser's profile folder in the temporary folder ${tmp} (TMPDIR): ${why(error)}.`,
      [],
      { cause: error },
    );
  }
}

/** Removes the profiles that runs killed outright (SIGKILL, a crash) left behind (see removeOrphanFolders). */
export const removeOrphanProfiles = (tmp: string): Promise<number> => removeOrphanFolders(tmp, PROFILE_PREFIX, PROFILE_MARKER);

/**
 * Resolves once the browser process launched with `profile` has exited, then kills what is
 * left of its process group. On Linux the process is found among this process's children by
 * its --user-data-dir (puppeteer hands it over only when the launch succeeded, and a launch
 * whose browser died while a helper or wrapper held its pipe waited for its whole timeout);
 * elsewhere it never resolves and the launch timeout stays the bound.
 */
function watchLaunchedProcess(profile: string): { exited: Promise<void>; stop(): void } {
  let timer: NodeJS.Timeout | undefined;
  const exited = new Promise<void>((resolve) => {
    if (process.platform !== 'linux') return;
    let pid: number | null = null;
    timer = setInterval(() => {
      if (pid === null) {
        pid = childWithArgument(`--user-data-dir=${profile}`);
        return;
      }
      try {
        process.kill(pid, 0);
      } catch {
        clearInterval(timer);
        try {
          process.kill(-pid, 'SIGKILL'); // the helpers (puppeteer starts the browser as a group leader)
        } catch {
          // none left
        }
        resolve();
      }
    }, 50);
    timer.unref();
  });
  return { exited, stop: () => clearInterval(timer) };
}

/** The pid of a child of this process whose command line holds `arg` (Linux), else null. */
function childWithArgument(arg: string): number | null {
  try {
    const children = fs.readFileSync(`/proc/self/task/${process.pid}/children`, 'utf8').split(' ').filter(Boolean);
    for (const pid of children) {
      if (fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').includes(arg)) return Number(pid);
    }
  } catch {
    // no /proc, or the child is gone already
  }
  return null;
}

// ---
// Page hardening

/** Locks a blank tab down and lays it out for paper. */
async function prepareTab(page: Page): Promise<void> {
  await lockDown(page);
  await page.emulateMediaType('print');
}

async function lockDown(page: Page): Promise<void> {
  await page.setJavaScriptEnabled(false);
  await page.setRequestInterception(true);
  page.on('request', (request: HTTPRequest) => {
    if (request.isInterceptResolutionHandled()) return;
    // Allow-list by scheme (Chromium lower-cases it). A navigation of the top document (e.g.
    // <meta http-equiv=refresh>) is never allowed; 'aborted' cancels it without an error page.
    const isData = request.url().slice(0, 5).toLowerCase() === 'data:';
    const isTopNavigation = request.isNavigationRequest() && request.frame() === page.mainFrame();
    const settle =
      isData && !isTopNavigation
        ? request.continue()
        : request.abort(request.isNavigationRequest() ? 'aborted' : 'blockedbyclient');
    settle.catch(() => {}); // the page may already be gone
  });
}

function pdfOptions(opts: PrintOptions, timeout: number): PDFOptions {
  return {
    format: opts.format,
    landscape: opts.landscape,
    printBackground: true,
    displayHeaderFooter: true,
    headerTemplate: headerTemplate(opts.headerTitle, opts.periodLabel),
    footerTemplate: footerTemplate(opts.footer ?? null, opts.pageOf ?? { page: 'page', of: 'of' }),
    margin: { top: '16mm', bottom: '14mm', left: '12mm', right: '12mm' },
    preferCSSPageSize: false,
    timeout,
  };
}

function assertStillAtBlank(page: Page, what: string): void {
  const url = page.url();
  if (url !== 'about:blank') {
    throw new ReportError(
      EXIT.render,
      `The report ${what} navigated away from its own content (to ${forTerminal(url).slice(0, 80)}), probably through a <meta http-equiv="refresh">; it was not printed.`,
    );
  }
}

/**
 * Puts the CSP meta first in the document (after the doctype, so the page keeps standards
 * mode); the parser moves it into <head>, and a second policy in the HTML only narrows it.
 */
export function withContentSecurityPolicy(html: string): string {
  const meta = `<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">`;
  const doctype = /^\uFEFF?\s*(?:<!--[\s\S]*?-->\s*)*<!doctype\b[^>]*>/i.exec(html);
  if (!doctype) return meta + html;
  const end = doctype[0].length;
  return html.slice(0, end) + meta + html.slice(end);
}

// ---
// Header and footer (rendered by Chromium in the page margins, without the page's styles)

const MARGIN_TEXT_STYLE =
  'font-family: sans-serif; font-size: 8pt; color: #555; -webkit-print-color-adjust: exact; print-color-adjust: exact;';

function headerTemplate(title: string, period: string): string {
  return (
    `<div style="${MARGIN_TEXT_STYLE} box-sizing: border-box; width: 100%; padding: 0 12mm; display: flex; justify-content: space-between; gap: 8mm;">` +
    `<span style="flex: 1 1 auto; min-width: 0; overflow: hidden; white-space: nowrap; text-overflow: ellipsis;">${escapeHtml(title)}</span>` +
    `<span style="flex: 0 0 auto; white-space: nowrap;">${escapeHtml(period)}</span>` +
    `</div>`
  );
}

/** "page 2 of 16" in the report's words */
const pageOf = (words: { page: string; of: string }) =>
  `${escapeHtml(words.page)} <span class="pageNumber"></span> ${escapeHtml(words.of)} <span class="totalPages"></span>`;

/** The page number bottom right; a branding footer line, when set, bottom left (cut with an ellipsis, never wrapped). */
export function footerTemplate(footer: string | null, words: { page: string; of: string } = { page: 'page', of: 'of' }): string {
  const PAGE_OF = pageOf(words);
  if (!footer) return `<div style="${MARGIN_TEXT_STYLE} box-sizing: border-box; width: 100%; padding: 0 12mm; text-align: right;">${PAGE_OF}</div>`;
  return (
    `<div style="${MARGIN_TEXT_STYLE} box-sizing: border-box; width: 100%; padding: 0 12mm; display: flex; justify-content: space-between; gap: 8mm;">` +
    `<span class="brand-footer" style="flex: 1 1 auto; min-width: 0; overflow: hidden; white-space: nowrap; text-overflow: ellipsis;">${escapeHtml(footer)}</span>` +
    `<span style="flex: 0 0 auto; white-space: nowrap;">${PAGE_OF}</span>` +
    `</div>`
  );
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

// ---
// Helpers

/** Kills the browser and its helpers (one process group on POSIX: puppeteer spawns it detached). */
function killProcessTree(browser: Browser): void {
  const proc = browser.process();
  const pid = proc?.pid;
  if (!proc || pid === undefined) return;
  if (process.platform !== 'win32') {
    try {
      process.kill(-pid, 'SIGKILL');
      return;
    } catch {
      // no such group (already gone) or not permitted: fall back to the process itself
    }
  }
  if (proc.exitCode === null && proc.signalCode === null) {
    try {
      proc.kill('SIGKILL');
    } catch {
      // already gone
    }
  }
}

function withDeadline<T>(work: Promise<T>, ms: number, onTimeout: () => T | Error): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      const outcome = onTimeout();
      if (outcome instanceof Error) reject(outcome);
      else resolve(outcome);
    }, ms);
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

function isTimeout(error: unknown): boolean {
  return error instanceof Error && error.name === 'TimeoutError';
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return forTerminal(text.split('\n')[0].replace(/[.\s]+$/, ''));
}

/** Untrusted text in a terminal message: no control characters or bidi overrides, bounded length. */
function forTerminal(text: string): string {
  const clean = text.replace(/[\p{Cc}\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu, ' ');
  return clean.length > 120 ? `${clean.slice(0, 119)}…` : clean;
}

function formatSeconds(ms: number): string {
  return String(Number((ms / 1000).toFixed(3)));
}
