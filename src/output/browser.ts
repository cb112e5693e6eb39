// Finds the Chrome/Chromium executable that prints PDFs. Order: PUPPETEER_EXECUTABLE_PATH,
// the config's `pdf.executablePath`, puppeteer's own download (only if it is on disk), then
// the usual system locations. Nothing is launched here; a missing browser is exit code 4
// with one sentence that says what to install. A headless shell (Debian's
// chromium-headless-shell, puppeteer's chrome-headless-shell) comes before a full browser of the
// same origin: it prints the same PDF, but starts with ~0.1 s of CPU instead of ~1 s (measured
// with Chromium 156 on two cores), which a one-report run waits for.

import fs from 'node:fs';
import path from 'node:path';
import { EXIT, ReportError } from '../errors.ts';
import { puppeteer } from './puppeteer.ts';

export type BrowserSource = 'env' | 'config' | 'puppeteer' | 'system';

export interface ResolveBrowserOptions {
  /** the config's `pdf.executablePath` (null when unset) */
  configured?: string | null;
  /** the environment cli.ts read (PUPPETEER_EXECUTABLE_PATH and the system's folders); none when omitted */
  env?: Record<string, string | undefined>;
  /** system paths to try, in order; defaults to systemBrowserCandidates() (tests inject their own) */
  candidates?: readonly string[];
  /** paths of puppeteer's downloaded browsers; defaults to asking puppeteer (tests inject their own) */
  puppeteerPaths?: () => string[];
}

export const INSTALL_HINT =
  'No Chrome or Chromium was found for PDF output: on Debian run ' +
  '`apt-get install chromium-headless-shell fonts-noto-core fonts-noto-color-emoji fonts-noto-cjk` ' +
  '(on Ubuntu: chromium), elsewhere run ' +
  '`npx puppeteer browsers install chrome-headless-shell` (or `chrome`), or set PUPPETEER_EXECUTABLE_PATH ' +
  'to a Chrome executable.';

export function resolveBrowserExecutable(opts: ResolveBrowserOptions = {}): { path: string; source: BrowserSource } {
  const env = opts.env ?? {};

  const fromEnv = env.PUPPETEER_EXECUTABLE_PATH?.trim();
  if (fromEnv) return { path: requireExecutable(fromEnv, 'PUPPETEER_EXECUTABLE_PATH'), source: 'env' };

  const configured = opts.configured?.trim();
  if (configured) return { path: requireExecutable(configured, 'pdf.executablePath in the config'), source: 'config' };

  for (const candidate of (opts.puppeteerPaths ?? puppeteerDownloadPaths)()) {
    if (isFile(candidate)) return { path: candidate, source: 'puppeteer' };
  }
  for (const candidate of opts.candidates ?? systemBrowserCandidates(process.platform, env)) {
    if (isFile(candidate)) return { path: candidate, source: 'system' };
  }
  throw new ReportError(EXIT.render, INSTALL_HINT);
}

/** Where Chrome or Chromium is usually installed on this platform. */
export function systemBrowserCandidates(platform: NodeJS.Platform, env: Record<string, string | undefined>): string[] {
  if (platform === 'darwin') {
    return [
      '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
      '/Applications/Chromium.app/Contents/MacOS/Chromium',
    ];
  }
  if (platform === 'win32') {
    const roots = [env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.LOCALAPPDATA, 'C:\\Program Files', 'C:\\Program Files (x86)'];
    const unique = [...new Set(roots.filter((r): r is string => Boolean(r)))];
    return unique.map((root) => path.win32.join(root, 'Google', 'Chrome', 'Application', 'chrome.exe'));
  }
  return [
    // Debian's /usr/bin/chromium-headless-shell is a script that runs this binary without exec:
    // the binary itself, so the pid puppeteer holds is the browser's
    '/usr/lib/chromium/chromium-headless-shell',
    '/usr/bin/chromium-headless-shell',
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome-stable',
    '/usr/bin/google-chrome',
    '/snap/bin/chromium',
  ];
}

/** True when the executable is chrome-headless-shell, which puppeteer launches with `headless: 'shell'`. */
export function isHeadlessShell(executablePath: string): boolean {
  return /headless[-_]shell/i.test(path.basename(executablePath));
}

// puppeteer knows where its downloads would live even when none was made (.puppeteerrc.cjs skips
// the download by default), so every answer is checked on disk by the caller.
function puppeteerDownloadPaths(): string[] {
  const paths: string[] = [];
  for (const ask of [() => puppeteer().executablePath({ headless: 'shell' }), () => puppeteer().executablePath()]) {
    try {
      paths.push(ask());
    } catch {
      // no cache directory or unknown platform: nothing downloaded
    }
  }
  return paths;
}

function requireExecutable(candidate: string, origin: string): string {
  const resolved = path.resolve(candidate);
  if (!fs.existsSync(resolved)) {
    throw new ReportError(EXIT.render, `${origin} points to "${candidate}", which does not exist.`);
  }
  if (!isFile(resolved)) {
    throw new ReportError(EXIT.render, `${origin} points to "${candidate}", which is not an executable file.`);
  }
  return resolved;
}

function isFile(candidate: string): boolean {
  try {
    return fs.statSync(candidate).isFile();
  } catch {
    return false;
  }
}
