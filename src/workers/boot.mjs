// Entry of every worker thread: registers tsx's loader in this thread (hooks do not carry over
// from the parent on Node 20), then runs the TypeScript module named in workerData.module.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.module);
