import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Writable } from 'node:stream';
import { DecodeStream, RecordGuard, looksBinary, newTally, sniffDelimiter, sniffEncoding } from '../src/data/decode.ts';
import { ReportError } from '../src/errors.ts';

const bytes = (...xs: number[]) => Uint8Array.from(xs);

async function collect(chunks: (string | Buffer)[], ...transforms: NodeJS.ReadWriteStream[]): Promise<string> {
  let out = '';
  await pipeline(
    Readable.from(chunks),
    ...(transforms as [NodeJS.ReadWriteStream]),
    new Writable({ write(c, _e, done) { out += c.toString(); done(); } }),
  );
  return out;
}

// ---
const enc = suite('sniffEncoding');
enc('BOMs name their encoding and length', () => {
  assert.equal(sniffEncoding(bytes(0xef, 0xbb, 0xbf, 0x61)), { encoding: 'utf-8', bomBytes: 3 });
  assert.equal(sniffEncoding(bytes(0xff, 0xfe, 0x61, 0)), { encoding: 'utf-16le', bomBytes: 2 });
  assert.equal(sniffEncoding(bytes(0xfe, 0xff, 0, 0x61)), { encoding: 'utf-16be', bomBytes: 2 });
});
enc('BOM-less UTF-16 is recognised by where its NUL bytes fall', () => {
  assert.equal(sniffEncoding(Buffer.from('views,likes\n1,2\n', 'utf16le')), { encoding: 'utf-16le', bomBytes: 0 });
  assert.equal(sniffEncoding(Buffer.from('views,likes\n1,2\n', 'utf16le').swap16()), { encoding: 'utf-16be', bomBytes: 0 });
  assert.equal(sniffEncoding(Buffer.from('views,likes\n1,2\n')), { encoding: 'utf-8', bomBytes: 0 });
});
enc.run();

// ---
const dec = suite('DecodeStream');
dec('UTF-8 split inside a multi-byte character decodes across chunks, BOM dropped', async () => {
  const b = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('é😀')]);
  const text = await collect([b.subarray(0, 2), b.subarray(2, 5), b.subarray(5)], new DecodeStream('utf-8', 3));
  assert.is(text, 'é😀');
});
dec('invalid UTF-8 becomes U+FFFD and is counted; a U+FFFD written in the file is not', async () => {
  const tally = newTally();
  // a, lone 0xE9, b, a written U+FFFD cut across chunks, c, an emoji cut by the end of the input
  const text = await collect(
    [Buffer.from([0x61, 0xe9, 0x62, 0xef]), Buffer.from([0xbf]), Buffer.from([0xbd, 0x63, 0xf0, 0x9f, 0x9a])],
    new DecodeStream('utf-8', 0, tally),
  );
  assert.is(text, 'a\uFFFDb\uFFFDc\uFFFD');
  assert.is(tally.invalid, 2);
});
dec('Windows-1252 maps 0x80 to the euro sign and 0xe9 to é', async () => {
  assert.is(await collect([Buffer.from([0x80, 0xe9])], new DecodeStream('windows-1252', 0)), '€é');
});
dec('UTF-16 BE and NUL bytes stripped', async () => {
  const be = Buffer.from('a\0b', 'utf16le').swap16();
  assert.is(await collect([be], new DecodeStream('utf-16be', 0)), 'ab');
});
dec.run();

// ---
const del = suite('sniffDelimiter');
del('picks the delimiter consistent across lines, ignoring quoted ones', () => {
  assert.is(sniffDelimiter('a,b,c\n1,2,3\n4,5,6\n'), ',');
  assert.is(sniffDelimiter('a;b;c\n"1,5";2;3\n4;"x,y";6\n'), ';');
  assert.is(sniffDelimiter('a\tb\tc\n1\t2\t3\n'), '\t');
  assert.is(sniffDelimiter('a|b|c\n1|2,5|3\n4|5|6\n'), '|');
  assert.is(sniffDelimiter('views\n1\n2\n'), ',');
});
del.run();

// ---
const bin = suite('looksBinary');
bin('control characters mark binary, CSV text does not', () => {
  assert.ok(looksBinary('\x01\x02\x03\x04PK\x05\x06' + '\x00'.repeat(20)));
  assert.not.ok(looksBinary('title,views\n"a\tb",12\r\n'));
});
bin.run();

// ---
const guard = suite('RecordGuard');
guard('passes text through unchanged, with quoted newlines inside records', async () => {
  const text = 'a,b\n"x\ny",1\n"q""q",2\n';
  assert.is(await collect([text.slice(0, 5), text.slice(5)], new RecordGuard(100, 'f.csv')), text);
});
guard('a record over the cap fails naming the data row and hinting at an unterminated quote', async () => {
  const text = 'a,b\n1,2\n"never closed,3\n' + '4,5\n'.repeat(100);
  try {
    await collect([text], new RecordGuard(50, 'f.csv'));
    assert.unreachable();
  } catch (err) {
    assert.instance(err, ReportError);
    assert.is((err as ReportError).exitCode, 3);
    assert.match((err as Error).message, /f\.csv: data row 2 is longer than .* MiB \(an unterminated quote\?\)/);
  }
});
guard('a long unquoted line is caught across chunk boundaries', async () => {
  try {
    await collect(['h\n', 'x'.repeat(30), 'x'.repeat(30), '\n'], new RecordGuard(50, 'f.csv'));
    assert.unreachable();
  } catch (err) {
    assert.match((err as Error).message, /data row 1 is longer/);
  }
});
guard.run();
