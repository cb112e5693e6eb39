// The second part of a parallel CSV read on a worker thread (see readDataset in read.ts and
// readPart in parallel.ts): its typed arrays are transferred, not copied.
import { serveWorker } from '../workers/spawn.ts';
import { partBuffers } from './builder.ts';
import { readPart, type PartInput, type PartOutput } from './parallel.ts';

serveWorker(
  (input: PartInput) => readPart(input),
  (out: PartOutput) => (out.ok ? partBuffers(out.part) : []),
);
