import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { parseLineBytes, parseRow, readRowBatches, type HashType, type ListFormat } from '../src/parse-rows';

/**
 * The importer reads common lines straight from the bytes and hands everything else to parseRow;
 * whatever a line holds, both must give the same row or the same error.
 */
const hexDigit = fc.constantFrom(...'0123456789abcdefABCDEF');
const piece = fc.oneof(
  fc.string({ unit: hexDigit, minLength: 30, maxLength: 66 }),
  fc.constantFrom('', ' ', '\t', ',', '"', '\\', '#', 'hash', 'é', '\r', '0', '100', '101', '1e2', ' 90', '-1', 'A1', 'x'.repeat(101), 'y'.repeat(1001)),
  fc.string({ maxLength: 12 }),
  fc.integer({ min: -5, max: 250 }).map(String),
);
const line = fc.array(piece, { maxLength: 6 }).chain((parts) => fc.constantFrom('\t', ',').map((sep) => parts.join(sep)));
const format = fc.constantFrom<ListFormat>('tsv', 'csv');
const type = fc.constantFrom<HashType>('md5', 'sha1', 'sha256', 'pdq');

describe('hash file lines read from bytes', () => {
  it('agree with parseRow for any line', () => {
    fc.assert(
      fc.property(line, format, type, (text, f, t) => {
        const buf = Buffer.from(`..${text}..`, 'utf8');
        const bytes = parseLineBytes(buf, 2, buf.length - 2, 7, f, t);
        expect(bytes).toEqual(parseRow(text.replace(/\r$/, ''), 7, f, t));
      }),
      { numRuns: 20000 },
    );
  });

  it('split a file into the same lines as its text has, with or without CRLF and a last newline', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotline-rows-'));
    try {
      const hashes = Array.from({ length: 50_000 }, (_, i) => i.toString(16).padStart(32, '0'));
      for (const [eol, last] of [
        ['\n', '\n'],
        ['\r\n', ''],
        ['\n', ''],
      ] as const) {
        const file = path.join(dir, 'list.tsv');
        fs.writeFileSync(file, '\uFEFFhash\tcategory\n' + hashes.map((h, i) => `${h}\tC${i % 7}`).join(eol) + last);
        const rows = [];
        for await (const batch of readRowBatches(file, 'tsv', 'md5')) rows.push(...batch);
        expect(rows).toHaveLength(hashes.length);
        expect(rows[0]).toEqual({ line: 2, hash: hashes[0], category: 'C0', note: null, quality: null });
        expect(rows.at(-1)).toEqual({ line: hashes.length + 1, hash: hashes.at(-1), category: `C${(hashes.length - 1) % 7}`, note: null, quality: null });
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
