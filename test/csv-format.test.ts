// formatCell: a cell as fast-csv's formatter writes it (svreport's own few lines, so no private
// fast-csv module is imported); the stream itself stays the reference in parser-equivalence.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { format } from 'fast-csv';
import { formatCell } from '../src/output/csv.ts';

const f = suite('formatCell');
f('plain cells unchanged; quotes doubled; comma, CR, LF and | quoted; NUL dropped', () => {
  assert.is(formatCell('abc'), 'abc');
  assert.is(formatCell(''), '');
  assert.is(formatCell('say "hi"'), '"say ""hi"""');
  assert.is(formatCell('a,b'), '"a,b"');
  assert.is(formatCell('a\nb'), '"a\nb"');
  assert.is(formatCell('a\rb'), '"a\rb"');
  assert.is(formatCell('a|b'), '"a|b"');
  assert.is(formatCell('a\0b'), 'ab');
  assert.is(formatCell(' spaced \t'), ' spaced \t');
});
f("the same bytes as fast-csv's format stream", async () => {
  const cells = ['x', '', '"', 'a,b', 'a|b', 'a\r\nb', '\0', 'é "q", |', ' =1', "'", ';'];
  const csv = format<string[], string[]>({ headers: false, delimiter: ',', rowDelimiter: '\n', includeEndRowDelimiter: true });
  let out = '';
  csv.on('data', (b: Buffer) => (out += b.toString()));
  const done = new Promise((resolve) => csv.on('end', resolve));
  csv.write(cells);
  csv.end();
  await done;
  assert.is(cells.map(formatCell).join(',') + '\n', out);
});
f.run();
