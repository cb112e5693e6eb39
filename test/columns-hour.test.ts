// Detection of the hour of posting: an hour column written as times of day (`8:05 PM`) is the
// hour, since the reader takes their hour (repairs); a localised "publication time" header
// (`Hora de publicación`) is the date's when it holds dates, whatever order concepts are tried in.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { detectColumns } from '../src/data/columns.ts';
import { readDataset } from '../src/data/read.ts';
import { readOptions } from './helpers/read.ts';
import { tempDir } from './helpers/tmp.ts';

const hour = suite('detectColumns: the hour');

hour('an Hour column of 12-hour times of day is the hour, and reads as the hour', async () => {
  const header = ['Date', 'Hour', 'Views'];
  const rows = [['2025-03-02', '8:05 PM', '5'], ['2025-03-03', '9:15 AM', '7'], ['2025-03-04', '12:30 AM', '9']];
  const r = detectColumns(header, rows, {});
  assert.is(r.map.hour?.column, 'Hour');
  assert.equal(r.notes, []);
  const dir = await tempDir('svr-hour-');
  const path = join(dir, 'hours.csv');
  await writeFile(path, [header, ...rows].map((x) => x.join(',')).join('\n') + '\n');
  const ds = await readDataset(readOptions(path));
  assert.equal([...ds.num.hour!], [20, 9, 0]);
});

hour('a localised hour column of 24-hour times and of plain hours is the hour; words are no times', () => {
  const at = (values: string[]) => detectColumns(['Fecha', 'Hora', 'Vistas'], values.map((v, k) => [`2025-03-0${k + 1}`, v, '5']), {});
  assert.is(at(['20:05', '09:15', '18:00']).map.hour?.column, 'Hora');
  assert.is(at(['20', '9', '18']).map.hour?.column, 'Hora');
  const words = at(['evening', 'morning', 'noon']);
  assert.is(words.map.hour, undefined);
  assert.ok(words.reasons.some((x) => x.text === '`Hora` skipped: looks like the hour by name, but 3 of 3 sampled values are not hours or times of day'), words.reasons.map((x) => x.text).join('\n'));
});

hour('`Hora de publicación` holding dates is never the hour, even with the date set elsewhere', () => {
  const header = ['Fecha', 'Hora de publicación', 'Vistas'];
  // epoch seconds read as numbers and as dates: only the explicit rule keeps them from the hour
  const epoch = detectColumns(header, [['2025-03-02', '1740938400', '5'], ['2025-03-03', '1741038400', '7']], { date: 'Fecha' });
  assert.is(epoch.map.hour, undefined);
  assert.ok(epoch.reasons.some((x) => x.text === '`Hora de publicación` skipped: its words name the date ("hora de publicación") and it holds dates'));
  // without the override the date takes it, by its words
  const dated = detectColumns(['Hora de publicación', 'Vistas'], [['2025-03-02 20:05', '5'], ['2025-03-03 09:00', '7']], {});
  assert.is(dated.map.date?.column, 'Hora de publicación');
  assert.is(dated.map.hour, undefined);
  // holding hours or times of day, it is the hour (beside a date-only `Fecha`)
  const hours = detectColumns(header, [['2025-03-02', '20', '5'], ['2025-03-03', '8', '7']], {});
  assert.is(hours.map.date?.column, 'Fecha');
  assert.is(hours.map.hour?.column, 'Hora de publicación');
  const times = detectColumns(['Fecha', 'Heure de publication', 'Vues'], [['2025-03-02', '8:05 PM', '5'], ['2025-03-03', '9:15 AM', '7']], {});
  assert.is(times.map.date?.column, 'Fecha');
  assert.is(times.map.hour?.column, 'Heure de publication');
});

hour.run();
