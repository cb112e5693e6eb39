// The one shape every report section has: its place in the report (id, title, lead) and what it
// contributes to the model (compute, pure). The registry (registry.ts) lists the sections in
// report order; model.ts, the HTML, the layout and the print gate all loop over it.
import type { ReportModel } from '../types.ts';
import type { SectionContext } from './context.ts';

/** The ReportModel keys a section can fill (metrics.json keeps them as its own top-level keys). */
export type SectionKey = 'overview' | 'growth' | 'creators' | 'content' | 'virality' | 'segments' | 'explorer';

/** A section's part of the model: the keys it fills, nothing else. */
export type SectionResult<K extends SectionKey> = Pick<ReportModel, K>;

export interface Section<K extends SectionKey = SectionKey> {
  /** the HTML id, the tab and the partial templates/sections/<id>.hbs */
  id: string;
  title: string;
  lead: string;
  /** the model keys compute() fills, in metrics.json's order */
  keys: readonly K[];
  /** the section's figures from the rows in scope; pure */
  compute(ctx: SectionContext): SectionResult<K>;
}

/** Any section, as the registry lists them (each one's own keys are checked where it is defined). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnySection = Section<any>;

/** A section as written in its folder: the type checks that compute() fills exactly its keys. */
export function defineSection<K extends SectionKey>(section: Section<K>): Section<K> {
  return section;
}
