// The report's words in the reader's language: t(key, params) looks a key up in the catalogue of
// the locale in force (locale.ts), fills its {placeholders} and picks its plural form with
// Intl.PluralRules. en.ts defines the keys; de.ts, fr.ts and es.ts must have every one of them
// (the type checks it, test/locale-catalogue.test.ts checks the placeholders match).
import { en, type Catalogue, type Message, type MessageKey } from './en.ts';
import { de } from './de.ts';
import { fr } from './fr.ts';
import { es } from './es.ts';
import { catalogueLanguage, currentLocale, LANGUAGES, type Language } from './locale.ts';
import { formatInt } from '../format.ts';

export type { Catalogue, Message, MessageKey };
export { currentLocale, withLocale, canonicalLocale, catalogueLanguage, localeOf, DEFAULT_LOCALE, LANGUAGES, type Locale, type Language } from './locale.ts';

export const CATALOGUES: Readonly<Record<Language, Catalogue>> = { en, de, fr, es };

/** A value a message can hold: words, a number (written as an integer of the locale), or a marked data value. */
export type Param = string | number | { value: string } | readonly (string | { value: string })[];
export type Params = Readonly<Record<string, Param>>;
type Part = string | { value: string };

const pluralRules = new Map<string, Intl.PluralRules>();
function pluralOf(tag: string, n: number): Intl.LDMLPluralRule {
  let rules = pluralRules.get(tag);
  if (!rules) pluralRules.set(tag, (rules = new Intl.PluralRules(tag)));
  return rules.select(n);
}

/** The message's text for `params.count` (the `other` form without a count or a form for it). */
function textOf(message: Message, tag: string, params: Params): string {
  if (typeof message === 'string') return message;
  const count = params.count;
  const form = typeof count === 'number' ? pluralOf(tag, count) : 'other';
  return message[form] ?? message.other;
}

/** The placeholders of a message, every plural form included (the catalogue test compares them). */
export function placeholdersOf(message: Message): string[] {
  const texts = typeof message === 'string' ? [message] : Object.values(message).filter((s): s is string => typeof s === 'string');
  const names = new Set<string>();
  for (const s of texts) for (const m of s.matchAll(/\{(\w+)\}/g)) names.add(m[1]);
  return [...names].sort();
}

/** The message of `key` in the locale in force, in parts: data values stay marked (insight sentences). */
export function tp(key: MessageKey, params: Params = {}): Part[] {
  const { tag, language } = currentLocale();
  const message = CATALOGUES[language][key] ?? en[key];
  const out: Part[] = [];
  const words = (w: string) => {
    if (w === '') return;
    if (typeof out[out.length - 1] === 'string') out[out.length - 1] += w;
    else out.push(w);
  };
  const put = (p: Param) => {
    if (typeof p === 'number') words(formatInt(p));
    else if (typeof p === 'string') words(p);
    else if (Array.isArray(p)) for (const x of p as readonly Part[]) (typeof x === 'string' ? words(x) : out.push(x));
    else out.push(p as { value: string });
  };
  const text = textOf(message, tag, params);
  let last = 0;
  for (const m of text.matchAll(/\{(\w+)\}/g)) {
    words(text.slice(last, m.index));
    const p = params[m[1]];
    if (p === undefined) words(m[0]);
    else put(p);
    last = m.index! + m[0].length;
  }
  words(text.slice(last));
  return out;
}

/** The message of `key` in the locale in force, as plain text. */
export function t(key: MessageKey, params: Params = {}): string {
  return tp(key, params).map((p) => (typeof p === 'string' ? p : p.value)).join('');
}

/**
 * t() for a key made at run time (a section's title, a metric's label): `fallback` with the same
 * placeholders when the catalogue has no such key (a section added without its words yet).
 */
export function tOr(key: string, fallback: string, params: Params = {}): string {
  if (Object.hasOwn(en, key)) return t(key as MessageKey, params);
  return fill(fallback, params);
}

function fill(text: string, params: Params): string {
  return text.replace(/\{(\w+)\}/g, (m, name: string) => {
    const p = params[name];
    return p === undefined ? m : typeof p === 'number' ? formatInt(p) : typeof p === 'string' ? p : Array.isArray(p) ? p.map((x) => (typeof x === 'string' ? x : x.value)).join('') : (p as { value: string }).value;
  });
}

/** A title inside a sentence: lower case, but German, which capitalises its nouns, keeps it as it is. */
export const titleInSentence = (title: string): string => (currentLocale().language === 'de' ? title : title.toLowerCase());

/** True when the locale in force writes English words (the wording en-US output was checked in). */
export const isEnglish = (): boolean => currentLocale().language === 'en';

/**
 * One warning per locale the reports use whose language has no catalogue (English words, its own
 * number and date formats), or that Intl has no data for at all (en-US formats too).
 */
export function localeWarnings(reports: readonly { id: string; locale: string }[]): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const r of reports) {
    if (seen.has(r.locale)) continue;
    seen.add(r.locale);
    if (catalogueLanguage(r.locale)) continue;
    const formats = Intl.NumberFormat.supportedLocalesOf(r.locale).length > 0;
    out.push(
      `report "${r.id}": locale ${JSON.stringify(r.locale)} has no word catalogue (${LANGUAGES.join(', ')}), so its words are English` +
        (formats ? `, its numbers and dates ${r.locale}'s` : ` and, with no number or date data for it either, its numbers and dates en-US's`),
    );
  }
  return out;
}
