// Segment comparison (SPEC 4.5, metrics.json `segments`): for each configured comparison, the
// rows in scope grouped by a dimension and one metric aggregated per group, top 20 by value.
// A comparison whose inputs are absent is reported unavailable in one line, never thrown.
import { DURATION_BUCKETS, TIERS } from '../../types.ts';
import type { Metric, SegmentBy, SegmentResult, SegmentSpec } from '../../types.ts';
import { byValueThenName, ColumnGroups } from '../../stats/group.ts';
import { labelsByRow } from '../../data/scope.ts';
import type { SectionContext } from '../context.ts';
import { AGGREGATION_LABEL, METRICS, metricValues } from '../../vocabulary.ts';

/** Segments kept per comparison (the top-20 bar chart). */
export const SEGMENT_TOP = 20;

type Row = SegmentResult['rows'][number];

function unavailable(spec: SegmentSpec, reason: string): SegmentResult {
  return { by: spec.by, metric: spec.metric, aggregation: spec.aggregation, rows: [], available: false, reason };
}

/** Dimension codes per dataset row and the segment names, or the reason they are absent. */
function dimension(ctx: SectionContext, by: SegmentBy): { codes: ArrayLike<number>; names: readonly string[] } | string {
  const { dataset: ds, derived, scope } = ctx;
  switch (by) {
    case 'platform':
    case 'country':
    case 'category': {
      const col = ds.text[by];
      return col ? { codes: col.codes, names: col.values } : `No ${by} column in the input.`;
    }
    case 'duration_bucket':
      return ds.num.duration ? { codes: derived.durationBucket, names: DURATION_BUCKETS } : 'No duration column in the input.';
    case 'performance_tier':
      // Unknown (views missing or 0) is a segment like any other when it holds videos
      return ds.num.views ? { codes: labelsByRow(ds.rows, scope, scope.tier), names: TIERS } : 'No views column in the input.';
    default:
      return `Unknown segment dimension "${String(by)}".`;
  }
}

function metricValuesOf(ctx: SectionContext, metric: Metric): Float64Array | string {
  if (!Object.hasOwn(METRICS, metric)) return `Unknown segment metric "${String(metric)}".`;
  return metricValues(ctx.dataset, ctx.derived, metric) ?? `No ${METRICS[metric].column} column in the input.`;
}

/**
 * One result per configured comparison, in config order. Rows in scope without a value for the
 * dimension are left out (as pandas groupby drops NaN keys); a segment whose metric values are
 * all missing has value null (median/mean) or 0 (sum) and sorts accordingly.
 */
export function computeSegments(ctx: SectionContext): SegmentResult[] {
  const specs = ctx.report.sections.segments ?? [];
  return specs.map((spec) => {
    if (!Object.hasOwn(AGGREGATION_LABEL, spec.aggregation)) {
      return unavailable(spec, `Unknown aggregation "${String(spec.aggregation)}".`);
    }
    const dim = dimension(ctx, spec.by);
    if (typeof dim === 'string') return unavailable(spec, dim);
    const values = metricValuesOf(ctx, spec.metric);
    if (typeof values === 'string') return unavailable(spec, values);

    const g = new ColumnGroups(dim.codes, ctx.scope.rows, dim.names.length, ctx.scratch);
    g.load(values);
    const rows: Row[] = [];
    for (let k = 0; k < g.groups; k++) {
      if (g.size[k] === 0) continue;
      rows.push({ segment: dim.names[k], videos: g.size[k], value: g.aggregate(k, spec.aggregation) });
    }
    rows.sort(byValueThenName((r) => r.value, (r) => r.segment));
    return { by: spec.by, metric: spec.metric, aggregation: spec.aggregation, rows: rows.slice(0, SEGMENT_TOP), available: true, reason: null };
  });
}
