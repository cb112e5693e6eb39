// What a reader sees of a string from the data: cut to a sane length by grapheme (so one 1 MB
// title cannot make a 40 MB report.html or a 1,452-page PDF), each character no installed font
// draws shown as the placeholder, and, inside a sentence, isolated (<bdi> in HTML, FSI...PDI in
// plain text) so a value's direction cannot reorder the words and figures around it.
import Handlebars from 'handlebars';
import type { ReportModel } from '../types.ts';
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
 * for the views and charts; the figures and our own labels are the model's. Insights stay the
 * same objects: their sentences are shown from their parts (Display.sentenceHtml).
 */
export function displayModel(model: ReportModel, d: Display): ReportModel {
  const { name, text } = d;
  const names = (list: string[]) => list.map(name);
  const c = model.creators;
  const e = model.explorer;
  const f = model.scope.filters;
  return {
    ...model,
    report: { ...model.report, title: text(model.report.title) },
    input: { ...model.input, path: text(model.input.path) },
    scope: { ...model.scope, filters: { ...f, platform: names(f.platform), country: names(f.country), category: names(f.category), creator: names(f.creator) } },
    overview: { ...model.overview, platforms: names(model.overview.platforms) },
    creators: {
      ...c,
      top: c.top.map((r) => ({ ...r, creator: name(r.creator) })),
      leaderboards: c.leaderboards.map((b) => ({ ...b, top: b.top.map((r) => ({ ...r, creator: name(r.creator) })) })),
      mostConsistent: c.mostConsistent && { ...c.mostConsistent, creator: name(c.mostConsistent.creator) },
      movement: c.movement && { entered: names(c.movement.entered), left: names(c.movement.left) },
    },
    content: {
      ...model.content,
      categories: model.content.categories.map((r) => ({ ...r, category: name(r.category) })),
      hashtags: model.content.hashtags.map((r) => ({ ...r, hashtag: name(r.hashtag) })),
    },
    virality: {
      ...model.virality,
      byPlatform: model.virality.byPlatform.map((r) => ({ ...r, platform: name(r.platform) })),
      top: model.virality.top.map((r) => ({
        ...r,
        title: r.title === null ? null : text(r.title),
        creator: r.creator === null ? null : name(r.creator),
        platform: r.platform === null ? null : name(r.platform),
      })),
    },
    segments: model.segments.map((s) => ({ ...s, rows: s.rows.map((r) => ({ ...r, segment: name(r.segment) })) })),
    explorer: {
      ...e,
      preview: { columns: names(e.preview.columns), rows: e.preview.rows.map((row) => row.map((cell) => (typeof cell === 'string' ? text(cell) : cell))) },
      columnInfo: e.columnInfo.map((ci) => ({ ...ci, name: name(ci.name) })),
      dataQuality: {
        ...e.dataQuality,
        mapping: e.dataQuality.mapping.map((m) => ({ ...m, column: name(m.column) })),
        undrawable: {
          ...e.dataQuality.undrawable,
          examples: e.dataQuality.undrawable.examples.map((x) => ({ ...x, column: name(x.column), text: name(x.text) })),
        },
      },
    },
  };
}
