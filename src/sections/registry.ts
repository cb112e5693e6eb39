// Every section of the report, in report order: the one list the model, the HTML, the layout
// and the print gate loop over. Adding a section is adding its folder and one line here.
import type { AnySection } from './section.ts';
import { overview } from './overview/index.ts';
import { growth } from './growth/index.ts';
import { creators } from './creators/index.ts';
import { virality } from './virality/index.ts';
import { segments } from './segments/index.ts';
import { momentum } from './momentum/index.ts';
import { explorer } from './explorer/index.ts';

export const SECTIONS: readonly AnySection[] = [overview, growth, creators, virality, segments, momentum, explorer];

/** The sections a report shows: the registry's, less those its config leaves out (`<id>: false`). */
export function shownSections(off: readonly string[] = []): readonly AnySection[] {
  return off.length ? SECTIONS.filter((s) => !off.includes(s.id)) : SECTIONS;
}
