// ReadOptions with the documented defaults (1 MiB record cap, UTC, auto detection) for
// reader tests; a test overrides only what it is about.
import type { ReadOptions } from '../../src/data/read.ts';

export const readOptions = (path: string, over: Partial<ReadOptions> = {}): ReadOptions => ({
  path,
  encoding: 'auto',
  delimiter: 'auto',
  maxRecordBytes: 1024 * 1024,
  columns: {},
  dateFormat: 'auto',
  timezone: 'UTC',
  ...over,
});
