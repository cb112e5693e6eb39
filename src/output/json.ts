// metrics.json and manifest.json: the ReportModel as the JSON contract (no NaN or Infinity,
// stable key order) and the manifest that lets an archive check a snapshot's files.
import { DEFAULT_LOCALE } from '../i18n/locale.ts';
import { createHash } from 'node:crypto';
import type { Config, Dataset, ReportModel, ReportSpec } from '../types.ts';
import type { FileEntry } from './snapshot.ts';

/** Non-finite numbers become null (the contract says so; JSON.stringify alone would too, silently). */
const finite = (_key: string, value: unknown) => (typeof value === 'number' && !Number.isFinite(value) ? null : value);

export function toJson(value: unknown): string {
  return JSON.stringify(value, finite, 2) + '\n';
}

/** JSON with object keys sorted at every level: the same settings always hash the same. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_k, v) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      return Object.fromEntries(Object.keys(v).sort().map((k) => [k, (v as Record<string, unknown>)[k]]));
    }
    return typeof v === 'number' && !Number.isFinite(v) ? null : v;
  });
}

/** sha256 of the settings that shape a report's figures and looks (not where files live, nor who receives them). */
export function configHash(config: Config, report: ReportSpec): string {
  const { configPath: _p, configDir: _d, input, output, reports: _r, delivery: _dc, ...rest } = config;
  const { delivery: _rd, locale, ...rest2 } = report;
  // the default locale is left out, so a report configured before `locale` existed keeps its hash (and is not sent again)
  const spec = locale === DEFAULT_LOCALE ? rest2 : { ...rest2, locale };
  // what of the input shapes figures: its decoding, and (only when set, so the hash of a config
  // without them stays what it was) dedupe and the entries' platform and columns
  const entries = input.entries.filter((e) => e.platform !== null || Object.keys(e.columns).length > 0).map((e) => ({ platform: e.platform, columns: e.columns }));
  const relevant = {
    ...rest,
    input: { encoding: input.encoding, delimiter: input.delimiter, ...(input.dedupe !== 'last' ? { dedupe: input.dedupe } : {}), ...(entries.length ? { entries } : {}) },
    formats: output.formats,
    report: spec,
  };
  return createHash('sha256').update(canonicalJson(relevant)).digest('hex');
}

export function manifestJson(model: ReportModel, files: FileEntry[], hash: string, ds: Dataset): string {
  return toJson({
    schemaVersion: model.schemaVersion,
    generator: model.generator,
    generatedAt: model.generatedAt,
    report: model.report,
    period: model.period,
    input: {
      path: model.input.path, sha256: ds.source.sha256, bytes: ds.source.bytes,
      // several files: each with its hash and export time (one file: the block it always had)
      ...(model.input.files ? { files: model.input.files.map((f) => ({ path: f.path, sha256: f.sha256, exportedAt: f.exportedAt })) } : {}),
    },
    rows: {
      read: ds.source.rowsRead,
      usable: ds.rows,
      dropped: ds.source.rowsDropped,
      inScope: model.scope.rows,
    },
    configHash: hash,
    kpis: headlineKpis(model),
    files,
  });
}

/** The headline KPIs a manifest, the --json summary and the archive index show for a report. */
export function headlineKpis(model: ReportModel) {
  const o = model.overview;
  return {
    videos: o.videos,
    totalViews: o.totalViews,
    medianViews: o.medianViews,
    medianEngagementRate: o.medianEngagementRate,
    highViralPotentialShare: o.highViralPotentialShare,
  };
}
