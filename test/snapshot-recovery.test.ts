// recoverLeftovers and a staging folder without its marker: a run killed between the folder's
// mkdir and its marker leaves it empty, and the next run removes it; one with anything in it is
// not provably svreport's and stays.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync } from 'node:fs';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { recoverLeftovers } from '../src/output/snapshot.ts';
import { tempDir } from './helpers/tmp.ts';

const r = suite('recoverLeftovers: staging folders without a marker');

r('an empty one is removed; one holding a file is left alone', async () => {
  const root = await tempDir('svr-recover-');
  const empty = join(root, '.report.partial-0123456789abcdef');
  const full = join(root, '.other.partial-fedcba9876543210');
  await mkdir(empty);
  await mkdir(full);
  await writeFile(join(full, 'notes.txt'), 'the user put this here');
  const done = await recoverLeftovers(root, { rootIsSnapshot: false });
  assert.equal(done, [`removed ${empty}, the empty staging folder of an interrupted run`]);
  assert.not.ok(existsSync(empty));
  assert.equal(await readdir(full), ['notes.txt']);
});

r('one holding only a marker cut short (killed while writing it) is removed; a marker beside a file is not enough', async () => {
  const root = await tempDir('svr-recover-');
  const cut = join(root, '.report.partial-00112233445566aa');
  const withFile = join(root, '.other.partial-00112233445566bb');
  await mkdir(cut);
  await writeFile(join(cut, '.svreport-staging'), ''); // created, not yet written
  await mkdir(withFile);
  await writeFile(join(withFile, '.svreport-staging'), '{"generator":"short-video-re');
  await writeFile(join(withFile, 'notes.txt'), 'the user put this here');
  const done = await recoverLeftovers(root, { rootIsSnapshot: false });
  assert.equal(done, [`removed ${cut}, the empty staging folder of an interrupted run`]);
  assert.not.ok(existsSync(cut));
  assert.equal((await readdir(withFile)).sort(), ['.svreport-staging', 'notes.txt']);
});

r.run();
