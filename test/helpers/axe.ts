// axe-core (WCAG 2.1 A and AA rules) run inside the browser the tests already use, on a page
// svreport wrote: the page's own CSP forbids scripts, so axe is injected with CSP bypassed; the
// page itself still loads nothing from outside (every request but the page is refused).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser } from 'puppeteer';
import { isHeadlessShell } from '../../src/output/browser.ts';
import { puppeteer } from '../../src/output/puppeteer.ts';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
export const WCAG21AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

export function launchBrowser(executablePath: string): Promise<Browser> {
  return puppeteer().launch({
    executablePath,
    headless: isHeadlessShell(executablePath) ? 'shell' : true,
    pipe: true,
    args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu', '--no-first-run'],
  });
}

/** axe's `runOnly`: rules by tag, or named rules */
export interface AxeOnly {
  type: 'tag' | 'rule';
  values: string[];
}

/** The violations of axe's rules (by default WCAG 2.1 A and AA) in `html`, laid out at `width` CSS pixels. */
export async function axeViolations(browser: Browser, html: string, only: AxeOnly = { type: 'tag', values: WCAG21AA }, width = 1280): Promise<AxeViolation[]> {
  const page = await browser.newPage();
  try {
    await page.setBypassCSP(true);
    await page.setJavaScriptEnabled(true);
    await page.setViewport({ width, height: 900 });
    await page.setRequestInterception(true);
    page.on('request', (r) => (r.url().startsWith('data:') || r.url() === 'about:blank' ? r.continue() : r.abort()));
    await page.setContent(html, { waitUntil: 'load' });
    await page.addScriptTag({ content: AXE });
    // the report's tabs show one panel at a time and axe checks only what is shown: each tab in turn
    return (await page.evaluate(async (runOnly: AxeOnly) => {
      const found = new Map<string, AxeViolation>();
      const tabs = [...document.querySelectorAll<HTMLInputElement>('input.tab-input')];
      for (const tab of tabs.length ? tabs : [null]) {
        if (tab) tab.checked = true;
        // @ts-expect-error axe is the script just injected into the page
        const result = await window.axe.run(document, { runOnly });
        for (const v of result.violations as AxeViolation[]) {
          const seen = found.get(v.id) ?? { id: v.id, impact: v.impact, help: v.help, nodes: [] };
          for (const n of v.nodes) {
            if (!seen.nodes.some((m) => m.target.join(' ') === n.target.join(' '))) seen.nodes.push({ target: n.target, failureSummary: n.failureSummary });
          }
          found.set(v.id, seen);
        }
      }
      return [...found.values()];
    }, only)) as AxeViolation[];
  } finally {
    await page.close();
  }
}

/** One line per violation: its id, how many elements, the first target and why. */
export function describe(violations: AxeViolation[]): string {
  return violations
    .map((v) => `${v.id} (${v.nodes.length}): ${v.nodes[0]?.target.join(' ')} — ${v.help}; ${(v.nodes[0]?.failureSummary ?? '').replace(/\s+/g, ' ')}`)
    .join('\n');
}
