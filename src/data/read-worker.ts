// The second part of a parallel CSV read on a worker thread (see readDataset in read.ts and
// readPart in parallel.ts): its row columns are written into the first part's shared memory
// (nothing to move), and whatever did not fit there is transferred, not copied.
import { serveWorker } from '../workers/spawn.ts';
import { partBuffers } from './builder.ts';
import { readPart, type PartInput, type PartOutput } from './parallel.ts';

serveWorker(
  (input: PartInput) => readPart(input),
  (out: PartOutput) => (out.ok ? partBuffers(out.part) : []),
);
