// The locale a report is being written in: a BCP 47 tag, its language's catalogue and whether
// its language has one. Held per async task (AsyncLocalStorage), so a batch that renders one
// report in German and the next in English never mixes them; outside withLocale() it is en-US,
// which is also what metrics.json and the log are written in.
import { AsyncLocalStorage } from 'node:async_hooks';

/** The languages with a catalogue (src/i18n/<language>.ts). */
export const LANGUAGES = ['en', 'de', 'fr', 'es'] as const;
export type Language = (typeof LANGUAGES)[number];

export const DEFAULT_LOCALE = 'en-US';

export interface Locale {
  /** the canonical BCP 47 tag: numbers and dates follow it */
  tag: string;
  /** the catalogue the words come from: the tag's language, or English when it has none */
  language: Language;
  /** true when the tag's own language is English: numbers and dates keep the report's English forms ("1.2M", "14 Feb 2025") */
  englishFormats: boolean;
}

/** A tag as Intl canonicalises it, or null when it is not a well-formed BCP 47 tag Intl can use. */
export function canonicalLocale(tag: string): string | null {
  try {
    const [canonical] = Intl.getCanonicalLocales(tag);
    if (!canonical) return null;
    // Intl falls back silently for a language it has no data for: the tag is still well formed
    new Intl.NumberFormat(canonical);
    return canonical;
  } catch {
    return null;
  }
}

/** The language part of a canonical tag when it has a catalogue, else null (English words, the tag's formats). */
export function catalogueLanguage(tag: string): Language | null {
  const language = new Intl.Locale(tag).language;
  return (LANGUAGES as readonly string[]).includes(language) ? (language as Language) : null;
}

/** The Locale of a canonical tag (an unsupported language reads English words). */
export function localeOf(tag: string): Locale {
  return { tag, language: catalogueLanguage(tag) ?? 'en', englishFormats: new Intl.Locale(tag).language === 'en' };
}

const EN_US: Locale = { tag: DEFAULT_LOCALE, language: 'en', englishFormats: true };
const store = new AsyncLocalStorage<Locale>();

/** The locale in force: the innermost withLocale()'s, else en-US. */
export function currentLocale(): Locale {
  return store.getStore() ?? EN_US;
}

/** Run `fn` (and every async task it starts) in `tag`'s locale. */
export function withLocale<T>(tag: string | Locale, fn: () => T): T {
  return store.run(typeof tag === 'string' ? localeOf(tag) : tag, fn);
}
