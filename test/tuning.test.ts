// tuningFromEnv: the SVREPORT_* variables cli.ts passes down, read into one Tuning (pure).
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { DEFAULT_TUNING, tuningFromEnv } from '../src/tuning.ts';

const t = suite('tuningFromEnv');
t('an empty environment gives the defaults', () => {
  assert.equal(tuningFromEnv({}), { ...DEFAULT_TUNING });
  assert.is(DEFAULT_TUNING.parallelMinBytes, 40 * 1024 * 1024);
  assert.is(DEFAULT_TUNING.csvWorkerMinBytes, 16 * 1024 * 1024);
  assert.is(DEFAULT_TUNING.csvAfterHtmlMaxBytes, 64 * 1024 * 1024);
  assert.is(DEFAULT_TUNING.readYoungMb, 8);
});
t('each variable sets its knob', () => {
  const got = tuningFromEnv({
    SVREPORT_PARSER: 'reference',
    SVREPORT_THREADS: '1',
    SVREPORT_PARALLEL_MIN_BYTES: 'Infinity',
    SVREPORT_READ_YOUNG_MB: '16',
    SVREPORT_CSV_WORKER_MIN_BYTES: '1',
    SVREPORT_CSV_AFTER_HTML_MAX_BYTES: '0',
    SVREPORT_DIRECT_IO: '0',
  });
  assert.equal(got, { parser: 'reference', threads: false, parallelMinBytes: Infinity, readYoungMb: 16, csvWorkerMinBytes: 1, csvAfterHtmlMaxBytes: 0, directIo: false });
});
t('values that are not numbers, or other parser names, keep the defaults', () => {
  const got = tuningFromEnv({ SVREPORT_PARSER: 'fast-csv', SVREPORT_PARALLEL_MIN_BYTES: 'lots', SVREPORT_THREADS: '2', SVREPORT_DIRECT_IO: '1' });
  assert.equal(got, { ...DEFAULT_TUNING });
});
t.run();
