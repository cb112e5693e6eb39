// The reports of one run: `reports:` as configured, each multiplied by `splitBy` into one report
// per value of the split column (most videos first, at most `maxReports` per configured report),
// over the shared dataset: no second read of the input. A split report's id depends only on its
// exact value (src/output/names.ts), never on which other values the week's data holds.
import type { Config, Dataset, ReportSpec } from './types.ts';
import { ReportError, EXIT } from './errors.ts';
import { compareCodePoints } from './stats/group.ts';
import { splitName } from './output/names.ts';

/**
 * Every report of the run. An entry whose split keeps no value (its filter on the split column
 * matches none) adds a warning naming it to `warnings`; a run left with no report at all is an
 * input error (exit 3): a scheduled run that writes nothing must not look like a success.
 */
export function expandReports(config: Config, ds: Dataset, warnings: string[] = []): ReportSpec[] {
  if (config.splitBy === 'none') return config.reports;
  const by = config.splitBy;
  const column = ds.text[by];
  if (!column) return config.reports; // the caller reports it: nothing to split by
  const counts = new Uint32Array(column.values.length);
  for (const c of column.codes) if (c >= 0) counts[c]++;
  const values = column.values
    .map((value, code) => ({ value, videos: counts[code] }))
    .filter((v) => v.videos > 0)
    .sort((a, b) => b.videos - a.videos || compareCodePoints(a.value, b.value));
  const out: ReportSpec[] = [];
  const owner = new Map<string, { entry: string; value: string }>(); // lower-case id -> who has it
  for (const base of config.reports) {
    // a report already filtered on the split column splits only into the values it keeps
    const keep = new Set(base.filters[by].map((v) => String(v).trim()));
    const mine = (keep.size ? values.filter((v) => keep.has(v.value.trim())) : values).slice(0, config.maxReports);
    if (mine.length === 0) {
      warnings.push(
        keep.size
          ? `report "${base.id}": splitBy ${by} gives no report: no ${by} of the input is one of filters.${by} (${[...keep].map((v) => JSON.stringify(v)).join(', ')})`
          : `report "${base.id}": splitBy ${by} gives no report: the ${by} column has no value`,
      );
      continue;
    }
    for (const { value, id } of splitIds(base.id, mine.map((v) => v.value))) {
      const key = id.toLowerCase();
      const before = owner.get(key);
      if (before) {
        // only two configured ids that overlap ("all" and "all-TikTok") can get here
        throw new ReportError(
          EXIT.usage,
          `reports "${before.entry}" and "${base.id}" both give the id "${id}" (split values ${JSON.stringify(before.value)} and ${JSON.stringify(value)}); rename one of the two reports.`,
        );
      }
      owner.set(key, { entry: base.id, value });
      out.push({
        ...base,
        id,
        title: `${base.title}: ${value}`,
        filters: { ...base.filters, [by]: [value] },
        split: { by, value },
      });
    }
  }
  if (out.length === 0) {
    throw new ReportError(EXIT.input, `splitBy: ${by} gives no report at all: no value of the ${by} column passes the filters of ${config.reports.map((r) => `"${r.id}"`).join(', ')}.`);
  }
  return out;
}

/**
 * `<entry id>-<name of the value>` for each value; values whose names differ only by case (and
 * would share a folder on a case-insensitive disk) both take the hashed form of their name.
 */
function splitIds(entry: string, values: string[]): { value: string; id: string }[] {
  const names = values.map((v) => splitName(v));
  const byLower = new Map<string, number>();
  for (const n of names) byLower.set(n.toLowerCase(), (byLower.get(n.toLowerCase()) ?? 0) + 1);
  return values.map((value, i) => {
    const name = byLower.get(names[i].toLowerCase())! > 1 ? splitName(value, true) : names[i];
    return { value, id: `${entry}-${name}` };
  });
}
