// Render-completeness checks that need system tools: which characters no installed font can draw
// (fontconfig's `fc-list`: they are shown as a placeholder and counted, and a script the text
// uses widely with no font at all stops the PDF) and the text and page count of a printed PDF
// (poppler's `pdfinfo` / `pdftotext`; the page count of Chromium's own layout is read here).
// Both answer null when the tool is missing, so the caller warns instead of failing.

import { execFile, execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const TOOL_TIMEOUT_MS = 30_000;

/** Sorted, merged, inclusive [first, last] code point ranges. */
type Ranges = Array<[number, number]>;

let coverage: Promise<Ranges | null> | undefined;
/** the coverage once read (null: no fontconfig), for the callers that cannot wait */
let loaded: Ranges | null | undefined;

/** Starts reading the installed fonts' coverage (once per process) ahead of the first check. */
export function preloadGlyphCoverage(): void {
  coverage ??= installedCoverage().then((r) => (loaded = r));
}

/**
 * The distinct characters of `texts` (first-seen order) that no installed font covers, or null
 * when fontconfig is unavailable. Whitespace, control characters and emoji sequence glue (ZWJ,
 * variation selectors, skin-tone modifiers) are ignored: they draw nothing by themselves.
 */
export async function missingGlyphs(texts: string[]): Promise<string[] | null> {
  preloadGlyphCoverage();
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

// ---------------------------------------------------------------------------
// What the report can draw

/** What a character no font can draw is shown as, in the HTML, the PDF and the charts: WHITE SQUARE. */
export const PLACEHOLDER = '\u25A1';

/**
 * A script whose characters are at least this share of the text a report shows, and that no
 * installed font covers at all, stops the PDF (exit 4): its readers would get a page of boxes.
 * Anything less (a few names in another script, an emoji newer than the emoji font) is drawn as
 * PLACEHOLDER and counted in the data quality panel.
 */
export const WIDE_SCRIPT_SHARE = 0.05;

/**
 * Which characters a report can draw: none that no font could draw anywhere (private use,
 * unassigned in this Node's Unicode, noncharacters such as U+FFFE, lone surrogates) and, where
 * fontconfig answers, none that no installed font covers. Answers are memoised per code point.
 */
export class GlyphCoverage {
  private bmp = new Int8Array(0x10000).fill(-1); // -1 unknown, 0 drawable or ignorable, 1 undrawable
  private astral = new Map<number, boolean>();
  /** how the answer was reached: fonts as fontconfig lists them, or the Unicode rules alone */
  readonly fontsChecked: boolean;

  constructor(private readonly ranges: Ranges | null) {
    this.fontsChecked = ranges !== null;
  }

  /** True when `cp` draws nothing visible by itself anyway (whitespace, controls, format characters, emoji glue). */
  static ignorable(cp: number): boolean {
    return isIgnorable(String.fromCodePoint(cp), cp);
  }

  /** True for a code point no font can draw in any report (private use, unassigned, noncharacter, lone surrogate). */
  static neverDrawable(cp: number): boolean {
    return NEVER_DRAWABLE.test(String.fromCodePoint(cp));
  }

  undrawable(cp: number): boolean {
    if (cp < 0x10000) {
      let known = this.bmp[cp];
      if (known < 0) known = this.bmp[cp] = this.decide(cp) ? 1 : 0;
      return known === 1;
    }
    let known = this.astral.get(cp);
    if (known === undefined) this.astral.set(cp, (known = this.decide(cp)));
    return known;
  }

  private latin1: boolean | undefined;

  private drawsAll(first: number, last: number): boolean {
    for (let cp = first; cp <= last; cp++) if (this.undrawable(cp)) return false;
    return true;
  }

  private decide(cp: number): boolean {
    if (GlyphCoverage.ignorable(cp)) return false;
    if (GlyphCoverage.neverDrawable(cp)) return true;
    return this.ranges !== null && !covers(this.ranges, cp);
  }

  /** Undrawable code points in `s` (0 for most strings, found without allocating). */
  count(s: string): number {
    // most cells are Latin-1 text: one native scan instead of a lookup per character
    this.latin1 ??= this.drawsAll(0x20, 0x7e) && this.drawsAll(0xa0, 0xff);
    if (this.latin1 && LATIN1.test(s)) return 0;
    let n = 0;
    for (let i = 0; i < s.length; i++) {
      let cp = s.charCodeAt(i);
      if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < s.length) {
        const lo = s.charCodeAt(i + 1);
        if (lo >= 0xdc00 && lo <= 0xdfff) {
          cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
          i++;
        }
      }
      if (this.undrawable(cp)) n++;
    }
    return n;
  }

  /** `s` with each undrawable code point replaced by PLACEHOLDER (`s` itself when there is none). */
  replace(s: string): string {
    if (this.count(s) === 0) return s;
    let out = '';
    for (const ch of s) out += this.undrawable(ch.codePointAt(0)!) ? PLACEHOLDER : ch;
    return out;
  }

  /**
   * Scripts that `texts` use widely (at least WIDE_SCRIPT_SHARE of their visible characters) and
   * that no installed font covers at all, with their share: what makes a report unreadable. Empty
   * without fontconfig, and for characters no font could draw anyway (those are the data's).
   */
  scriptsWithoutFont(texts: readonly string[]): { script: string; share: number; example: string }[] {
    if (!this.ranges) return [];
    let visible = 0;
    const missing = new Map<string, { count: number; example: string }>(); // script -> characters in it
    for (const text of texts) {
      for (const ch of text) {
        const cp = ch.codePointAt(0)!;
        if (GlyphCoverage.ignorable(cp)) continue;
        visible++;
        if (!this.undrawable(cp) || GlyphCoverage.neverDrawable(cp)) continue;
        const script = scriptOf(cp);
        if (!script) continue;
        const m = missing.get(script);
        if (m) m.count++;
        else missing.set(script, { count: 1, example: ch });
      }
    }
    const out: { script: string; share: number; example: string }[] = [];
    for (const [script, { count, example }] of missing) {
      const share = count / visible;
      if (share >= WIDE_SCRIPT_SHARE && !this.coversAny(script)) out.push({ script: script.replaceAll('_', ' '), share, example });
    }
    return out.sort((a, b) => b.share - a.share);
  }

  /** True when an installed font covers at least one character of `script`. */
  private coversAny(script: string): boolean {
    const re = new RegExp(`^\\p{Script=${script}}$`, 'u');
    for (const [first, last] of this.ranges ?? []) {
      for (let cp = first; cp <= last; cp++) if (re.test(String.fromCodePoint(cp))) return true;
    }
    return false;
  }
}

const LATIN1 = /^[\t\n\r\x20-\x7e\xa0-\xff]*$/;

/** Unicode's never-drawable code points: private use (Co), unassigned and noncharacters (Cn), lone surrogates (Cs). */
const NEVER_DRAWABLE = /^[\p{Co}\p{Cn}\p{Cs}]$/u;

/**
 * Scripts by their Unicode name, those this Node knows. Common and Inherited are left out: their
 * characters (punctuation, digits, symbols, emoji, combining marks) belong to every script, so
 * a missing one is a placeholder, never a missing script.
 */
const SCRIPTS = (
  'Adlam Ahom Anatolian_Hieroglyphs Arabic Armenian Avestan Balinese Bamum Bassa_Vah Batak Bengali Bhaiksuki Bopomofo Brahmi ' +
  'Braille Buginese Buhid Canadian_Aboriginal Carian Caucasian_Albanian Chakma Cham Cherokee Chorasmian Coptic Cuneiform Cypriot ' +
  'Cypro_Minoan Cyrillic Deseret Devanagari Dives_Akuru Dogra Duployan Egyptian_Hieroglyphs Elbasan Elymaic Ethiopic Garay ' +
  'Georgian Glagolitic Gothic Grantha Greek Gujarati Gunjala_Gondi Gurmukhi Gurung_Khema Han Hangul Hanifi_Rohingya Hanunoo ' +
  'Hatran Hebrew Hiragana Imperial_Aramaic Inscriptional_Pahlavi Inscriptional_Parthian Javanese Kaithi Kannada Katakana Kawi ' +
  'Kayah_Li Kharoshthi Khitan_Small_Script Khmer Khojki Khudawadi Kirat_Rai Lao Latin Lepcha Limbu Linear_A Linear_B Lisu Lycian ' +
  'Lydian Mahajani Makasar Malayalam Mandaic Manichaean Marchen Masaram_Gondi Medefaidrin Meetei_Mayek Mende_Kikakui ' +
  'Meroitic_Cursive Meroitic_Hieroglyphs Miao Modi Mongolian Mro Multani Myanmar Nabataean Nag_Mundari Nandinagari New_Tai_Lue ' +
  'Newa Nko Nushu Nyiakeng_Puachue_Hmong Ogham Ol_Chiki Ol_Onal Old_Hungarian Old_Italic Old_North_Arabian Old_Permic ' +
  'Old_Persian Old_Sogdian Old_South_Arabian Old_Turkic Old_Uyghur Oriya Osage Osmanya Pahawh_Hmong Palmyrene Pau_Cin_Hau ' +
  'Phags_Pa Phoenician Psalter_Pahlavi Rejang Runic Samaritan Saurashtra Sharada Shavian Siddham SignWriting Sinhala Sogdian ' +
  'Sora_Sompeng Soyombo Sundanese Sunuwar Syloti_Nagri Syriac Tagalog Tagbanwa Tai_Le Tai_Tham Tai_Viet Takri Tamil Tangsa ' +
  'Tangut Telugu Thaana Thai Tibetan Tifinagh Tirhuta Todhri Toto Tulu_Tigalari Ugaritic Vai Vithkuqi Wancho Warang_Citi Yezidi ' +
  'Yi Zanabazar_Square'
)
  .split(' ')
  .flatMap((name) => {
    try {
      return [{ name, re: new RegExp(`^\\p{Script=${name}}$`, 'u') }];
    } catch {
      return []; // a script newer than this Node's Unicode tables
    }
  });

const scriptCache = new Map<number, string | null>();
function scriptOf(cp: number): string | null {
  let name = scriptCache.get(cp);
  if (name === undefined) {
    const ch = String.fromCodePoint(cp);
    name = SCRIPTS.find((s) => s.re.test(ch))?.name ?? null;
    scriptCache.set(cp, name);
  }
  return name;
}

/**
 * The installed fonts' coverage now, for code that cannot wait (a report's sections): the
 * coverage read ahead when it is ready, else read here, once, synchronously (~30 ms).
 */
export function installedGlyphs(): GlyphCoverage {
  if (loaded === undefined) {
    let ranges: Ranges | null = null;
    try {
      ranges = mergeCharsets(execFileSync('fc-list', ['--format', '%{charset}\n'], { encoding: 'utf8', timeout: TOOL_TIMEOUT_MS, maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'ignore'] }));
    } catch {
      ranges = null;
    }
    loaded = ranges && ranges.length ? ranges : null;
    coverage ??= Promise.resolve(loaded);
  }
  glyphs ??= new GlyphCoverage(loaded);
  return glyphs;
}
let glyphs: GlyphCoverage | undefined;

/** The same, once the read started ahead (or now) has finished. */
export async function installedGlyphsAsync(): Promise<GlyphCoverage> {
  preloadGlyphCoverage();
  await coverage;
  return installedGlyphs();
}

/** Page count and `pdftotext -layout` text (pages separated by form feeds), or null without poppler. */
export async function pdfText(pdf: Uint8Array): Promise<{ pages: number; text: string } | null> {
  return readPdf(pdf, true) as Promise<{ pages: number; text: string } | null>;
}

/**
 * The page count alone: what the render gate needs. Read from the PDF's own page tree when it
 * has the plain layout Chromium's Skia writes (pageTreeCount), else from pdfinfo. pdfinfo is a
 * process forked from this one for every report: ~20 ms of the main thread once the data takes
 * a few hundred MB (the fork copies its page tables), against well under 1 ms here.
 */
export async function pdfPages(pdf: Uint8Array): Promise<number | null> {
  return pageTreeCount(pdf) ?? (await readPdf(pdf, false))?.pages ?? null;
}

/**
 * The /Count of a PDF's root page tree (what pdfinfo reports as Pages), following the trailer's
 * /Root to the catalog's /Pages through a classic cross-reference table; null for any other
 * layout (a cross-reference stream, an incremental update, an object the table does not place
 * where it says), which the caller then asks pdfinfo about. Only the file's own structure is
 * read: text from the data lives in compressed content streams and hex strings, never here.
 */
export function pageTreeCount(pdf: Uint8Array): number | null {
  const b = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  if (b.toString('latin1', 0, 5) !== '%PDF-') return null;
  const tail = b.toString('latin1', Math.max(0, b.length - 1024));
  const startxref = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail);
  if (!startxref) return null;
  const xrefAt = Number(startxref[1]);
  if (xrefAt >= b.length) return null;
  // xref, then subsections "first count" of 20-byte entries "oooooooooo ggggg n\r\n", then the trailer
  const xref = b.toString('latin1', xrefAt, b.length);
  if (!xref.startsWith('xref')) return null;
  const subsections: { first: number; count: number; at: number }[] = [];
  let at = 4;
  const header = /\s*(\d+) (\d+)[ \t]*\r?\n/y;
  for (let sub; (header.lastIndex = at), (sub = header.exec(xref)); ) {
    const count = Number(sub[2]);
    subsections.push({ first: Number(sub[1]), count, at: header.lastIndex });
    at = header.lastIndex + 20 * count;
  }
  const trailer = /^\s*trailer\s*<<([\s\S]*?)>>\s*startxref/.exec(xref.slice(at));
  if (!trailer || /\/Prev\b/.test(trailer[1])) return null;
  const offsetOf = (num: number): number | null => {
    const sub = subsections.find((t) => num >= t.first && num < t.first + t.count);
    const entry = sub ? /^(\d{10}) \d{5} n(?: \r| \n|\r\n)$/.exec(xref.slice(sub.at + 20 * (num - sub.first), sub.at + 20 * (num - sub.first + 1))) : null;
    return entry ? Number(entry[1]) : null;
  };
  const objectAt = (num: number): string | null => {
    const offset = offsetOf(num);
    if (offset === null || offset >= b.length) return null;
    const text = b.toString('latin1', offset, Math.min(b.length, offset + 65536));
    const obj = new RegExp(`^${num} \\d+ obj\\s*<<`).exec(text);
    const end = text.indexOf('endobj');
    return obj && end > 0 ? text.slice(obj[0].length, end) : null;
  };
  const root = /\/Root\s+(\d+)\s+\d+\s+R/.exec(trailer[1]);
  const catalog = root ? objectAt(Number(root[1])) : null;
  const pagesRef = catalog && /\/Type\s*\/Catalog\b/.test(catalog) ? /\/Pages\s+(\d+)\s+\d+\s+R/.exec(catalog) : null;
  const pages = pagesRef ? objectAt(Number(pagesRef[1])) : null;
  if (!pages || !/\/Type\s*\/Pages\b/.test(pages)) return null;
  const count = /\/Count\s+(\d+)\b/.exec(pages);
  return count ? Number(count[1]) : null;
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
  const ranges = mergeCharsets(stdout);
  return ranges.length ? ranges : null;
}

const isHex = (c: number) => (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
const hexValue = (c: number) => (c <= 57 ? c - 48 : (c | 0x20) - 87);
const isSpace = (c: number) => c === 32 || (c >= 9 && c <= 13);

/**
 * fc-list's charsets (whitespace-separated tokens `first-last` or `cp`, in hex) as sorted and
 * merged ranges; a token of any other shape is skipped. One pass over the text, no string per
 * token, and one typed-array sort: the ~500 KB that a machine with the Noto fonts prints took
 * ~30 ms of the main thread through split() and a regular expression, while the data is read.
 * A line (one font's charset) equal to an earlier one is skipped: the weights and styles of a
 * family share theirs, so 321 lines are 173 distinct ones (70 KB of the 505 KB) with the Noto
 * fonts, and the parse, which runs while the data is read, took ~45 ms of the main thread.
 */
export function mergeCharsets(text: string): Ranges {
  // each range packed as first * 2^21 + last (code points are below 2^21): sorting the numbers sorts by first
  let keys = new Float64Array(4096);
  let n = 0;
  const seen = new Set<string>();
  for (let i = 0; i < text.length; ) {
    while (i < text.length && isSpace(text.charCodeAt(i))) i++;
    if (i >= text.length) break;
    if (i === 0 || text.charCodeAt(i - 1) === 10) {
      // the start of a line: skip it when an earlier line was the same
      let eol = text.indexOf('\n', i);
      if (eol === -1) eol = text.length;
      const line = text.slice(i, eol);
      if (seen.has(line)) {
        i = eol;
        continue;
      }
      seen.add(line);
    }
    // one token: hex digits, optionally '-' and hex digits, then whitespace or the end
    let first = 0;
    let last = 0;
    let digits = 0;
    let ok = true;
    let dash = false;
    for (; i < text.length && !isSpace(text.charCodeAt(i)); i++) {
      const c = text.charCodeAt(i);
      if (isHex(c) && ok) {
        if (dash) last = last * 16 + hexValue(c);
        else first = first * 16 + hexValue(c);
        digits++;
      } else if (c === 45 && !dash && digits > 0 && ok) {
        dash = true;
        digits = 0;
      } else ok = false;
    }
    if (!ok || digits === 0 || first > 0x10ffff || last > 0x10ffff) continue;
    if (n === keys.length) {
      const more = new Float64Array(n * 2);
      more.set(keys);
      keys = more;
    }
    keys[n++] = first * 0x200000 + (dash ? last : first);
  }
  const sorted = keys.subarray(0, n).sort();
  const merged: Ranges = [];
  for (let k = 0; k < n; k++) {
    const first = Math.floor(sorted[k] / 0x200000);
    const last = sorted[k] - first * 0x200000;
    const top = merged[merged.length - 1];
    if (top && first <= top[1] + 1) top[1] = Math.max(top[1], last);
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
    /[\p{White_Space}\p{Cc}\p{Cf}]/u.test(char) || // format characters: bidi controls, soft hyphen, emoji tags

    cp === 0x200d || // zero-width joiner (emoji sequences)
    (cp >= 0xfe00 && cp <= 0xfe0f) || // variation selectors, incl. text/emoji FE0E/FE0F
    (cp >= 0xe0100 && cp <= 0xe01ef) || // variation selectors supplement
    (cp >= 0x1f3fb && cp <= 0x1f3ff) // emoji skin-tone modifiers
  );
}

function isMissingTool(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
}
