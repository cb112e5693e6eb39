// What every section's compute function receives: the shared columnar dataset, its derived
// metrics, the rows in scope of one report and that report's settings. Pure data, no IO;
// the clock and time zone reach sections only through here.
import type { Config, Dataset, Derived, PeriodInfo, ReportSpec, Scope } from '../types.ts';
import type { DayRange } from '../periods.ts';
import type { GlyphCoverage } from '../output/fonts.ts';
import type { StatsScratch } from '../stats/group.ts';

export interface SectionContext {
  dataset: Dataset;
  derived: Derived;
  scope: Scope;
  report: ReportSpec;
  config: Config;
  /** the group-by and sort buffers of this report's figures, released once they are made */
  scratch: StatsScratch;
  /** what the report can draw (the installed fonts, read once per run): for the data quality count */
  glyphs?: GlyphCoverage;
  /**
   * the report's period: its days (null for `all`) and as the report names it. Momentum (SPEC 6b)
   * reads it, since its videos are not only those published in the period; absent in hand-made contexts
   */
  period?: { range: DayRange | null; info: PeriodInfo };
}
