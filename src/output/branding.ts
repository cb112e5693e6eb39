// A report's branding (`branding: { logo, accent, footer }`, SPEC 10): the logo read once, told
// apart by its magic bytes and embedded as a data URL (an SVG rebuilt from an allow-list of
// drawing elements and presentation attributes, never regex-stripped), and the accent colour made
// readable (WCAG contrast) before it reaches headings, chart marks and the page's colour set.
import { readFile, stat } from 'node:fs/promises';
import { EXIT, ReportError } from '../errors.ts';
import type { BrandingSpec } from '../types.ts';
import type { ChartTheme } from '../charts/theme.ts';
import { why } from './snapshot.ts';

/** A logo larger than this is refused: it is embedded in every report.html and PDF. */
export const LOGO_MAX_BYTES = 1024 * 1024;

export interface Logo {
  mime: 'image/png' | 'image/jpeg' | 'image/svg+xml';
  dataUrl: string;
}

/** What the report draws with: the logo read, accent colours per use, the footer line. */
export interface Branding {
  logo: Logo | null;
  /** the accent as configured (`#rrggbb`), or null for the theme's own */
  accent: string | null;
  footer: string | null;
}

// ---------------------------------------------------------------------------
// Words (English; the message catalogue will take them over)

const WORDS = {
  missing: (path: string, reason: string) => `\`branding.logo\` names ${path}, which cannot be read (${reason}).`,
  tooLarge: (path: string, bytes: number) => `\`branding.logo\` names ${path}, ${bytes} bytes: a logo may have at most ${LOGO_MAX_BYTES} bytes (1 MiB).`,
  notImage: (path: string, kind: string) => `\`branding.logo\` names ${path}, which is ${kind}, not a PNG, JPEG or SVG image.`,
  badSvg: (path: string, reason: string) => `\`branding.logo\` names ${path}, an SVG that cannot be read safely (${reason}).`,
  accentText: (accent: string, ratio: number, used: string, theme: string) =>
    `branding.accent ${accent} has a contrast of ${ratio.toFixed(2)}:1 against the ${theme} page (text needs 4.5:1): headings and links use ${used} instead.`,
} as const;

// ---------------------------------------------------------------------------
// Reading the logo

/** Other kinds a logo file is likely to be, by magic bytes, so the message names what it is. */
const OTHER_KINDS: [number[], string][] = [
  [[0x47, 0x49, 0x46, 0x38], 'a GIF image'],
  [[0x52, 0x49, 0x46, 0x46], 'a RIFF file (WebP?)'],
  [[0x25, 0x50, 0x44, 0x46], 'a PDF document'],
  [[0x50, 0x4b, 0x03, 0x04], 'a ZIP archive'],
  [[0x42, 0x4d], 'a BMP image'],
  [[0x49, 0x49, 0x2a, 0x00], 'a TIFF image'],
  [[0x4d, 0x4d, 0x00, 0x2a], 'a TIFF image'],
  [[0x00, 0x00, 0x01, 0x00], 'an icon (ICO)'],
];

const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b);

/** png, jpeg, svg (text whose first element is <svg>), or a description of what else it is. */
export function sniffLogo(bytes: Uint8Array): { kind: 'png' | 'jpeg' | 'svg' } | { other: string } {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { kind: 'png' };
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return { kind: 'jpeg' };
  for (const [magic, what] of OTHER_KINDS) if (startsWith(bytes, magic)) return { other: what };
  const text = utf8(bytes);
  if (text !== null && /^\uFEFF?\s*(?:<\?xml[^>]*>\s*)?(?:(?:<!--[\s\S]*?-->|<!DOCTYPE[^[>]*(?:\[[\s\S]*?\])?\s*>)\s*)*<svg[\s>/]/i.test(text)) return { kind: 'svg' };
  return { other: text === null ? 'a binary file' : 'a text file without an <svg> element first' };
}

function utf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** Reads, checks and embeds a logo; every failure is exit 2 naming `branding.logo` and the file. */
export async function readLogo(path: string): Promise<Logo> {
  let bytes: Buffer;
  try {
    const st = await stat(path);
    if (!st.isFile()) throw Object.assign(new Error('not a file'), { code: 'EISDIR' });
    if (st.size > LOGO_MAX_BYTES) throw new ReportError(EXIT.usage, WORDS.tooLarge(path, st.size));
    bytes = await readFile(path);
  } catch (err) {
    if (err instanceof ReportError) throw err;
    throw new ReportError(EXIT.usage, WORDS.missing(path, why(err)), [], { cause: err });
  }
  if (bytes.length > LOGO_MAX_BYTES) throw new ReportError(EXIT.usage, WORDS.tooLarge(path, bytes.length));
  const sniffed = sniffLogo(bytes);
  if ('other' in sniffed) throw new ReportError(EXIT.usage, WORDS.notImage(path, sniffed.other));
  if (sniffed.kind === 'svg') {
    let clean: string;
    try {
      clean = sanitizeSvg(utf8(bytes)!);
    } catch (err) {
      if (err instanceof SvgError) throw new ReportError(EXIT.usage, WORDS.badSvg(path, err.message));
      throw err;
    }
    return { mime: 'image/svg+xml', dataUrl: `data:image/svg+xml;base64,${Buffer.from(clean, 'utf8').toString('base64')}` };
  }
  const mime = sniffed.kind === 'png' ? 'image/png' : 'image/jpeg';
  return { mime, dataUrl: `data:${mime};base64,${bytes.toString('base64')}` };
}

/**
 * Reads every logo the reports name, each file once (the reports of a split share it), before
 * any data is read: a bad logo stops the run at once. Returns each report's branding and the
 * warnings for accents moved to be readable (on the light page, and the dark one if the theme is).
 */
export async function readBrandings(specs: readonly (BrandingSpec | undefined)[], theme: 'light' | 'dark'): Promise<{ of(spec: BrandingSpec | undefined): Branding | null; warnings: string[] }> {
  const logos = new Map<string, Logo>();
  for (const b of specs) if (b?.logo && !logos.has(b.logo)) logos.set(b.logo, await readLogo(b.logo));
  const warnings = new Set<string>();
  for (const b of specs) {
    if (!b?.accent) continue;
    for (const t of theme === 'dark' ? (['light', 'dark'] as const) : (['light'] as const)) {
      const w = accentSet(b.accent, t).warning;
      if (w) warnings.add(w);
    }
  }
  return {
    of: (b) => (b ? { logo: b.logo ? logos.get(b.logo) ?? null : null, accent: b.accent, footer: b.footer } : null),
    warnings: [...warnings],
  };
}

// ---------------------------------------------------------------------------
// SVG: parsed by a small strict XML reader, rebuilt from an allow-list

export class SvgError extends Error {}

interface SvgElement {
  name: string;
  attrs: [string, string][];
  children: (SvgElement | string)[];
}

/** Drawing elements kept; any other element is dropped with everything inside it. */
const ELEMENTS = new Set([
  'svg', 'g', 'defs', 'symbol', 'use', 'title', 'desc', 'path', 'rect', 'circle', 'ellipse', 'line', 'polyline', 'polygon',
  'text', 'tspan', 'linearGradient', 'radialGradient', 'stop', 'clipPath', 'mask', 'pattern', 'style',
]);

/** Geometry and presentation attributes kept; any other (every on*, every href but a local one) is dropped. */
const ATTRIBUTES = new Set([
  'id', 'class', 'style', 'xmlns', 'version', 'viewBox', 'preserveAspectRatio', 'width', 'height', 'x', 'y', 'x1', 'y1', 'x2', 'y2',
  'cx', 'cy', 'r', 'rx', 'ry', 'fx', 'fy', 'd', 'points', 'transform', 'pathLength', 'offset', 'dx', 'dy', 'rotate', 'textLength', 'lengthAdjust',
  'fill', 'fill-opacity', 'fill-rule', 'stroke', 'stroke-width', 'stroke-linecap', 'stroke-linejoin', 'stroke-miterlimit',
  'stroke-dasharray', 'stroke-dashoffset', 'stroke-opacity', 'opacity', 'color', 'display', 'visibility', 'clip-path', 'clip-rule',
  'mask', 'paint-order', 'vector-effect', 'shape-rendering', 'text-rendering', 'font-family', 'font-size', 'font-weight',
  'font-style', 'font-variant', 'text-anchor', 'dominant-baseline', 'alignment-baseline', 'baseline-shift', 'letter-spacing',
  'word-spacing', 'text-decoration', 'writing-mode', 'stop-color', 'stop-opacity', 'gradientUnits', 'gradientTransform',
  'spreadMethod', 'patternUnits', 'patternContentUnits', 'patternTransform', 'clipPathUnits', 'maskUnits', 'maskContentUnits',
  'refX', 'refY', 'role', 'aria-label', 'aria-hidden', 'xml:space',
  'href', 'xlink:href', 'xmlns:xlink', // checked below: a local #id only, the namespace exactly
]);

const SVG_NS = 'http://www.w3.org/2000/svg';
const XLINK_NS = 'http://www.w3.org/1999/xlink';

/** A reference the browser would not fetch: `#id`, nothing else. */
const LOCAL_REF = /^#[A-Za-z_][\w.-]*$/;

/**
 * Whether a style or attribute value may stay: no `url()` but `url(#id)`, no `@import`, no
 * script or data scheme, no CSS escapes (which could spell any of them), no markup.
 */
export function safeStyleValue(value: string): boolean {
  if (/[\\<>]|@import|expression\s*\(|javascript:|vbscript:|data:|behavior\s*:|-moz-binding/i.test(value)) return false;
  for (const m of value.matchAll(/url\s*\(\s*(['"]?)([^'")]*)\1\s*\)/gi)) if (!LOCAL_REF.test(m[2].trim())) return false;
  // a url( the pattern above did not match whole (unbalanced, nested quotes) is not kept either
  const urls = value.match(/url\s*\(/gi)?.length ?? 0;
  return urls === [...value.matchAll(/url\s*\(\s*(['"]?)([^'")]*)\1\s*\)/gi)].length;
}

function keepAttribute(element: string, name: string, value: string): boolean {
  if (!ATTRIBUTES.has(name)) return false;
  if (name === 'href' || name === 'xlink:href') return element === 'use' && LOCAL_REF.test(value.trim());
  if (name === 'xmlns') return value === SVG_NS;
  if (name === 'xmlns:xlink') return value === XLINK_NS;
  return safeStyleValue(value);
}

/** The SVG rebuilt from what the allow-list keeps, as a standalone UTF-8 document. */
export function sanitizeSvg(text: string): string {
  const root = parseXml(text);
  if (root.name !== 'svg') throw new SvgError(`its root element is <${root.name}>, not <svg>`);
  const clean = cleanElement(root);
  if (!clean.attrs.some(([n]) => n === 'xmlns')) clean.attrs.unshift(['xmlns', SVG_NS]);
  const usesXlink = (e: SvgElement): boolean => e.attrs.some(([n]) => n === 'xlink:href') || e.children.some((c) => typeof c !== 'string' && usesXlink(c));
  if (usesXlink(clean) && !clean.attrs.some(([n]) => n === 'xmlns:xlink')) clean.attrs.push(['xmlns:xlink', XLINK_NS]);
  return serialize(clean);
}

function cleanElement(e: SvgElement): SvgElement {
  const children: (SvgElement | string)[] = [];
  for (const c of e.children) {
    if (typeof c === 'string') children.push(c);
    else if (ELEMENTS.has(c.name) && (c.name !== 'style' || styleSheetIsSafe(c))) children.push(cleanElement(c));
  }
  return { name: e.name, attrs: e.attrs.filter(([n, v]) => keepAttribute(e.name, n, v)), children };
}

/** A <style> stays only as plain text that passes the same checks as a style attribute. */
function styleSheetIsSafe(e: SvgElement): boolean {
  return e.children.every((c) => typeof c === 'string' && safeStyleValue(c));
}

const escapeText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttr = (s: string) => escapeText(s).replace(/"/g, '&quot;');

function serialize(e: SvgElement): string {
  const attrs = e.attrs.map(([n, v]) => ` ${n}="${escapeAttr(v)}"`).join('');
  if (e.children.length === 0) return `<${e.name}${attrs}/>`;
  return `<${e.name}${attrs}>${e.children.map((c) => (typeof c === 'string' ? escapeText(c) : serialize(c))).join('')}</${e.name}>`;
}

const NAME = /^[A-Za-z_][\w.:-]*/;
const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/**
 * A strict reader of the XML an SVG logo is: elements, attributes, text, CDATA. The XML
 * declaration, comments, processing instructions and the DOCTYPE (with any entity it declares)
 * are skipped; an entity other than the five predefined and numeric ones reads as nothing, so a
 * declared entity is never expanded. Anything malformed is an SvgError.
 */
export function parseXml(text: string): SvgElement {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const fail = (what: string): never => {
    throw new SvgError(`${what} at character ${i}`);
  };
  const skipMisc = () => {
    for (;;) {
      while (i < text.length && /\s/.test(text[i])) i++;
      if (text.startsWith('<?', i)) {
        const end = text.indexOf('?>', i);
        if (end < 0) fail('an unclosed processing instruction');
        i = end + 2;
      } else if (text.startsWith('<!--', i)) {
        const end = text.indexOf('-->', i + 4);
        if (end < 0) fail('an unclosed comment');
        i = end + 3;
      } else if (text.slice(i, i + 9).toUpperCase() === '<!DOCTYPE') {
        // the internal subset may hold '>' inside quoted entity values: skip to its ']' first
        const bracket = text.indexOf('[', i);
        const close = text.indexOf('>', i);
        if (close < 0) fail('an unclosed DOCTYPE');
        if (bracket >= 0 && bracket < close) {
          const end = text.indexOf(']', bracket);
          const after = end < 0 ? -1 : text.indexOf('>', end);
          if (after < 0) fail('an unclosed DOCTYPE');
          i = after + 1;
        } else i = close + 1;
      } else return;
    }
  };
  const decode = (s: string) =>
    s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z_][\w.-]*);/g, (_, ref: string) => {
      if (ref[0] !== '#') return PREDEFINED[ref] ?? '';
      const cp = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return cp > 0 && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff) ? String.fromCodePoint(cp) : '';
    });
  const element = (depth: number): SvgElement => {
    if (depth > 200) fail('elements nested more than 200 deep');
    i++; // '<'
    const name = NAME.exec(text.slice(i, i + 200))?.[0] ?? fail('an element without a name');
    i += name.length;
    const attrs: [string, string][] = [];
    for (;;) {
      while (/\s/.test(text[i] ?? '')) i++;
      if (text.startsWith('/>', i)) {
        i += 2;
        return { name: localName(name), attrs, children: [] };
      }
      if (text[i] === '>') {
        i++;
        break;
      }
      const attr = NAME.exec(text.slice(i, i + 200))?.[0] ?? fail(`a malformed attribute in <${name}>`);
      i += attr.length;
      while (/\s/.test(text[i] ?? '')) i++;
      if (text[i] !== '=') fail(`attribute ${attr} without a value`);
      i++;
      while (/\s/.test(text[i] ?? '')) i++;
      const quote = text[i];
      if (quote !== '"' && quote !== "'") fail(`attribute ${attr} without quotes`);
      const end = text.indexOf(quote, i + 1);
      if (end < 0) fail(`attribute ${attr} not closed`);
      const raw = text.slice(i + 1, end);
      if (raw.includes('<')) fail(`a "<" inside attribute ${attr}`);
      attrs.push([attr, decode(raw)]);
      i = end + 1;
    }
    const children: (SvgElement | string)[] = [];
    for (;;) {
      if (i >= text.length) fail(`<${name}> not closed`);
      if (text.startsWith('</', i)) {
        const end = text.indexOf('>', i);
        if (end < 0 || text.slice(i + 2, end).trim() !== name) fail(`a closing tag that does not match <${name}>`);
        i = end + 1;
        return { name: localName(name), attrs, children };
      }
      if (text.startsWith('<![CDATA[', i)) {
        const end = text.indexOf(']]>', i);
        if (end < 0) fail('an unclosed CDATA section');
        children.push(text.slice(i + 9, end));
        i = end + 3;
      } else if (text.startsWith('<!--', i) || text.startsWith('<?', i)) {
        const close = text.startsWith('<!--', i) ? '-->' : '?>';
        const end = text.indexOf(close, i);
        if (end < 0) fail('an unclosed comment');
        i = end + close.length;
      } else if (text.startsWith('<!', i)) {
        fail('a declaration inside an element');
      } else if (text[i] === '<') {
        children.push(element(depth + 1));
      } else {
        const end = text.indexOf('<', i);
        children.push(decode(text.slice(i, end < 0 ? text.length : end)));
        i = end < 0 ? text.length : end;
      }
    }
  };
  skipMisc();
  if (text[i] !== '<') fail('no root element');
  const root = element(0);
  skipMisc();
  if (i < text.length) fail('content after the root element');
  return root;
}

/** `svg:rect` reads as `rect`: a prefixed SVG is still SVG; any other prefix fails the allow-list. */
function localName(name: string): string {
  return name.startsWith('svg:') ? name.slice(4) : name;
}

// ---------------------------------------------------------------------------
// The accent colour: readable on the page (WCAG 2.1 contrast)

type Rgb = [number, number, number];

export function parseHex(hex: string): Rgb {
  const h = hex.slice(1);
  const full = h.length === 3 ? [...h].map((c) => c + c).join('') : h;
  return [0, 2, 4].map((k) => parseInt(full.slice(k, k + 2), 16)) as Rgb;
}

const toHex = (c: Rgb) => `#${c.map((v) => Math.round(v).toString(16).padStart(2, '0')).join('')}`;

function luminance([r, g, b]: Rgb): number {
  const lin = (v: number) => {
    const s = v / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** WCAG 2.1 contrast ratio of two `#rrggbb` colours, 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const [la, lb] = [luminance(parseHex(a)), luminance(parseHex(b))].sort((x, y) => y - x);
  return (la + 0.05) / (lb + 0.05);
}

/** `a` mixed with `b`, `share` of `a` (0 to 1). */
export function mix(a: string, b: string, share: number): string {
  const [x, y] = [parseHex(a), parseHex(b)];
  return toHex(x.map((v, k) => v * share + y[k] * (1 - share)) as Rgb);
}

/**
 * The accent moved toward black (a light page) or white (a dark page) in small steps until it
 * reaches `ratio` against every background; the colour itself when it already does.
 */
export function readableOn(accent: string, backgrounds: readonly string[], ratio: number, dark: boolean): string {
  const toward = dark ? '#ffffff' : '#000000';
  for (let step = 0; step <= 100; step++) {
    const c = mix(accent, toward, 1 - step / 100);
    if (backgrounds.every((bg) => contrastRatio(c, bg) >= ratio)) return c;
  }
  return toward;
}

/** The page colours an accent is read on, per theme (templates/styles.css: --bg, --surface, --surface-2). */
const PAGE = {
  light: { backgrounds: ['#ffffff', '#f6f7f9', '#f9fafb'], surface: '#ffffff', dark: false },
  dark: { backgrounds: ['#0e1117', '#161a23', '#1b202b'], surface: '#161a23', dark: true },
} as const;

export interface AccentSet {
  /** borders, outlines, chart marks: 3:1 against the page (WCAG 1.4.11, non-text) */
  accent: string;
  /** headings, links, labels: 4.5:1 against the page and the soft fill (WCAG 1.4.3) */
  ink: string;
  /** the pale fill behind highlighted text */
  soft: string;
}

/** The accent's colours on a theme's page, and a warning when the text colour had to move. */
export function accentSet(accent: string, theme: 'light' | 'dark'): { set: AccentSet; warning: string | null } {
  const page = PAGE[theme];
  const mark = readableOn(accent, page.backgrounds, 3, page.dark);
  const soft = mix(accent, page.surface, theme === 'light' ? 0.08 : 0.14);
  const ink = readableOn(accent, [...page.backgrounds, soft], 4.5, page.dark);
  const worst = Math.min(...page.backgrounds.map((bg) => contrastRatio(accent, bg)));
  return { set: { accent: mark, ink, soft }, warning: ink === accent ? null : WORDS.accentText(accent, worst, ink, theme) };
}

/** The CSS that puts a brand accent over the theme's (after styles.css; print is always light). */
export function accentCss(accent: string): string {
  const light = accentSet(accent, 'light').set;
  const dark = accentSet(accent, 'dark').set;
  const vars = (s: AccentSet) => `--accent: ${s.accent}; --accent-ink: ${s.ink}; --accent-soft: ${s.soft};`;
  return [
    `:root { ${vars(light)} }`,
    `.theme-dark { ${vars(dark)} }`,
    `@media print { :root, .theme-dark { ${vars(light)} } }`,
    // the brand reads in the headings too
    `.report-title, .section-head h2, .findings h2 { color: var(--accent-ink); }`,
  ].join('\n');
}

/** The CSS a branded report adds after styles.css (the logo's box, the accent's colours), or null. */
export function brandingCss(b: Branding | null | undefined): string | null {
  if (!b) return null;
  const rules: string[] = [];
  if (b.logo) rules.push('.brand-logo { display: block; max-height: 56px; max-width: 240px; margin-bottom: 14px; }', '@media print { .brand-logo { max-height: 16mm; max-width: 60mm; } }');
  if (b.accent) rules.push(accentCss(b.accent));
  return rules.length ? rules.join('\n') : null;
}

/** The chart theme with the brand accent on its single-series marks and its accent scales. */
export function brandChartTheme(t: ChartTheme, accent: string): ChartTheme {
  const a = accentSet(accent, t.name).set.accent;
  return {
    ...t,
    accent: a,
    accentSoft: mix(a, t.background, 0.3),
    categorical: [a, mix(a, t.background, 0.65), mix(a, t.background, 0.4), t.categorical[3]],
    sequential: [mix(a, t.background, 0.08), mix(a, t.background, 0.55), readableOn(a, [t.background], 7, t.name === 'dark')],
  };
}
