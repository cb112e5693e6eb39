// What a reader sees of a string from the data: cut to a sane length by grapheme (so one 1 MB
// title cannot make a 40 MB report.html or a 1,452-page PDF), each character no installed font
// draws shown as the placeholder, and, inside a sentence, isolated (<bdi> in HTML, FSI...PDI in
// plain text) so a value's direction cannot reorder the words and figures around it.
import Handlebars from 'handlebars';
import type { ReportModel } from '../types.ts';
import { SECTIONS } from '../sections/registry.ts';
import { resultOf } from '../sections/section.ts';
import type { SentencePart } from '../insights.ts';
import { cutForDisplay, isolate, ELLIPSIS, NAME_GRAPHEMES, TEXT_GRAPHEMES } from '../format.ts';
import type { GlyphCoverage } from './fonts.ts';

export type SafeHtml = Handlebars.SafeString;

export class Display {
  constructor(readonly glyphs: GlyphCoverage) {}

  /** A name: creator, platform, hashtag, category, segment, column name, chart label. */
  name = (s: string): string => this.show(s, NAME_GRAPHEMES);

  /** A longer text: a title, a table cell, the report's title. */
  text = (s: string): string => this.show(s, TEXT_GRAPHEMES);

  /** Cut first (the work stays bounded by `max`), then the placeholders; the ellipsis is ours. */
  private show(s: string, max: number): string {
    const { text, cut } = cutForDisplay(s, max);
    return this.glyphs.replace(text) + (cut ? ELLIPSIS : '');
  }

  /** A sentence as HTML: our words escaped, each data value shown as a name inside <bdi>. */
  sentenceHtml(parts: readonly SentencePart[]): SafeHtml {
    return new Handlebars.SafeString(
      parts.map((p) => (typeof p === 'string' ? Handlebars.escapeExpression(p) : `<bdi>${Handlebars.escapeExpression(this.name(p.value))}</bdi>`)).join(''),
    );
  }

  /** The same sentence as plain text (a mail, a terminal), each value between FSI and PDI. */
  sentenceText(parts: readonly SentencePart[]): string {
    return parts.map((p) => (typeof p === 'string' ? p : isolate(this.name(p.value)))).join('');
  }
}

/**
 * The model with every string that came from the data (or the config) as the reader sees it,
 * for the views and charts (each section shows its own part: Section.display); the figures and
 * our own labels are the model's. Insights stay the same objects: their sentences are shown from
 * their parts (Display.sentenceHtml).
 */
export function displayModel(model: ReportModel, d: Display): ReportModel {
  const { name, text } = d;
  const names = (list: string[]) => list.map(name);
  const f = model.scope.filters;
  return {
    ...model,
    report: { ...model.report, title: text(model.report.title) },
    input: { ...model.input, path: text(model.input.path) },
    scope: { ...model.scope, filters: { ...f, platform: names(f.platform), country: names(f.country), category: names(f.category), creator: names(f.creator) } },
    // each section's part as its own display() shows it
    ...Object.assign({}, ...SECTIONS.map((s) => s.display(resultOf(s, model), d))),
  };
}
