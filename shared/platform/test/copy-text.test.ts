import { CopyTextReader } from '../src/db/copy-text';

/** Feeds `text` cut into pieces of `size` bytes and collects each row's fields as the reader sees them. */
function read(text: string, size: number): Array<Array<string | null>> {
  const rows: Array<Array<string | null>> = [];
  const reader = new CopyTextReader((row) => rows.push(Array.from({ length: row.count }, (_, i) => row.text(i))));
  const bytes = Buffer.from(text, 'utf8');
  for (let i = 0; i < bytes.length; i += size) reader.feed(bytes.subarray(i, i + size));
  reader.end();
  return rows;
}

describe('COPY text reader', () => {
  const text = '1\t42\t\\\\x00ff\tA1\\twith tab\t\\N\tt\n2\t7\t\\\\xab\tcat\\\\é\\n\t90\tf\n3\t\t\t\t\t\n';
  const expected = [
    ['1', '42', '\\x00ff', 'A1\twith tab', null, 't'],
    ['2', '7', '\\xab', 'cat\\é\n', '90', 'f'],
    ['3', '', '', '', '', ''],
  ];

  it.each([1, 2, 3, 7, 64, 4096])('gives the same rows whatever the chunk size (%i bytes)', (size) => {
    expect(read(text, size)).toEqual(expected);
  });

  it('reads integers and nulls without strings', () => {
    const seen: Array<[number, number, boolean]> = [];
    const reader = new CopyTextReader((row) => seen.push([row.int(0), row.int(1), row.isNull(2)]));
    reader.feed(Buffer.from('9007199254740991\t12x\t\\N\n0\t\t\\\\N\n'));
    reader.end();
    expect(seen).toEqual([
      [9007199254740991, NaN, true],
      [0, NaN, false],
    ]);
  });

  it('refuses a stream that ends inside a row', () => {
    const reader = new CopyTextReader(() => {});
    reader.feed(Buffer.from('1\t2\n3\t'));
    expect(() => reader.end()).toThrow(/ended inside a row/);
  });
});
