// The filtered.csv pass on a worker thread (see writeFilteredCsvs in csv.ts).
import { serveWorker } from '../workers/spawn.ts';
import { runCsvJob, type CsvJob } from './csv.ts';

serveWorker((job: CsvJob) => runCsvJob(job));
