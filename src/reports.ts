// The reports of one run: `reports:` as configured, each multiplied by `splitBy` into one report
// per value of the split column (most videos first, at most `maxReports` per configured report),
// over the shared dataset: no second read of the input.
import type { Config, Dataset, ReportSpec } from './types.ts';
import { compareCodePoints } from './stats/group.ts';
import { safeSegment } from './output/snapshot.ts';

export function expandReports(config: Config, ds: Dataset): ReportSpec[] {
  if (config.splitBy === 'none') return config.reports;
  const by = config.splitBy;
  const column = ds.text[by];
  if (!column) return config.reports; // the caller warns: nothing to split by
  const counts = new Uint32Array(column.values.length);
  for (const c of column.codes) if (c >= 0) counts[c]++;
  const values = column.values
    .map((value, code) => ({ value, videos: counts[code] }))
    .filter((v) => v.videos > 0)
    .sort((a, b) => b.videos - a.videos || compareCodePoints(a.value, b.value));
  const out: ReportSpec[] = [];
  const ids = new Set<string>();
  for (const base of config.reports) {
    // a report already filtered on the split column splits only into the values it keeps
    const keep = new Set(base.filters[by].map((v) => String(v).trim()));
    const mine = (keep.size ? values.filter((v) => keep.has(v.value.trim())) : values).slice(0, config.maxReports);
    for (const { value } of mine) {
      let id = `${base.id}-${safeSegment(value)}`;
      for (let k = 2; ids.has(id); k++) id = `${base.id}-${safeSegment(value)}-${k}`;
      ids.add(id);
      out.push({
        ...base,
        id,
        title: `${base.title}: ${value}`,
        filters: { ...base.filters, [by]: [value] },
        split: { by, value },
      });
    }
  }
  return out;
}
