// Render-completeness checks that need system tools: which characters no installed font can draw
// (fontconfig's `fc-list`, so a title prints as text and not as boxes) and the text and page
// count of a printed PDF (poppler's `pdfinfo` / `pdftotext`). Both answer null when the tool is
// missing, so the caller warns instead of failing.

import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const TOOL_TIMEOUT_MS = 30_000;

/** Sorted, merged, inclusive [first, last] code point ranges. */
type Ranges = Array<[number, number]>;

let coverage: Promise<Ranges | null> | undefined;

/**
 * The distinct characters of `texts` (first-seen order) that no installed font covers, or null
 * when fontconfig is unavailable. Whitespace, control characters and emoji sequence glue (ZWJ,
 * variation selectors, skin-tone modifiers) are ignored: they draw nothing by themselves.
 */
/** Starts reading the installed fonts' coverage (once per process) ahead of the first check. */
export function preloadGlyphCoverage(): void {
  coverage ??= installedCoverage();
}

export async function missingGlyphs(texts: string[]): Promise<string[] | null> {
  coverage ??= installedCoverage();
  const ranges = await coverage;
  if (!ranges) return null;
  const missing = new Set<string>();
  for (const text of texts) {
    for (const char of text) {
      const cp = char.codePointAt(0)!;
      if (isIgnorable(char, cp) || missing.has(char)) continue;
      if (!covers(ranges, cp)) missing.add(char);
    }
  }
  return [...missing];
}

/** Page count and `pdftotext -layout` text (pages separated by form feeds), or null without poppler. */
export async function pdfText(pdf: Uint8Array): Promise<{ pages: number; text: string } | null> {
  return readPdf(pdf, true) as Promise<{ pages: number; text: string } | null>;
}

/** The page count alone (pdfinfo): what the render gate needs, without extracting the text. */
export async function pdfPages(pdf: Uint8Array): Promise<number | null> {
  return (await readPdf(pdf, false))?.pages ?? null;
}

async function readPdf(pdf: Uint8Array, withText: boolean): Promise<{ pages: number; text?: string } | null> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'svreport-pdftext-'));
  try {
    const file = path.join(dir, 'report.pdf');
    await writeFile(file, pdf);
    let info: string;
    try {
      info = (await run('pdfinfo', [file], { timeout: TOOL_TIMEOUT_MS, maxBuffer: 1 << 20 })).stdout;
    } catch (error) {
      if (isMissingTool(error)) return null;
      throw error;
    }
    const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1] ?? NaN);
    if (!Number.isInteger(pages)) throw new Error(`pdfinfo printed no page count for ${file}`);
    if (!withText) return { pages };
    const { stdout: text } = await run('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], {
      timeout: TOOL_TIMEOUT_MS,
      maxBuffer: 256 << 20,
    });
    return { pages, text };
  } catch (error) {
    if (isMissingTool(error)) return null;
    throw error;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

// fontconfig prints each font's charset as hex ranges: "20-7e a0-17f 2013".
async function installedCoverage(): Promise<Ranges | null> {
  let stdout: string;
  try {
    ({ stdout } = await run('fc-list', ['--format', '%{charset}\n'], { timeout: TOOL_TIMEOUT_MS, maxBuffer: 64 << 20 }));
  } catch {
    return null;
  }
  const ranges: Ranges = [];
  for (const token of stdout.split(/\s+/)) {
    const m = /^([0-9a-f]+)(?:-([0-9a-f]+))?$/i.exec(token);
    if (!m) continue;
    const first = parseInt(m[1], 16);
    ranges.push([first, m[2] ? parseInt(m[2], 16) : first]);
  }
  if (ranges.length === 0) return null;
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: Ranges = [ranges[0]];
  for (const [first, last] of ranges.slice(1)) {
    const top = merged[merged.length - 1];
    if (first <= top[1] + 1) top[1] = Math.max(top[1], last);
    else merged.push([first, last]);
  }
  return merged;
}

function covers(ranges: Ranges, cp: number): boolean {
  let lo = 0;
  let hi = ranges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (cp < ranges[mid][0]) hi = mid - 1;
    else if (cp > ranges[mid][1]) lo = mid + 1;
    else return true;
  }
  return false;
}

function isIgnorable(char: string, cp: number): boolean {
  return (
    /[\p{White_Space}\p{Cc}]/u.test(char) ||
    cp === 0x200d || // zero-width joiner (emoji sequences)
    (cp >= 0xfe00 && cp <= 0xfe0f) || // variation selectors, incl. text/emoji FE0E/FE0F
    (cp >= 0xe0100 && cp <= 0xe01ef) || // variation selectors supplement
    (cp >= 0x1f3fb && cp <= 0x1f3ff) // emoji skin-tone modifiers
  );
}

function isMissingTool(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
}
