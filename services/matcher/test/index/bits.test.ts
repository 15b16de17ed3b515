import { hammingDistance, hexToWords, packHexHashes, popcount32, wordsToHex } from '../../src/index/hamming-index';
import { bytesHexToWords } from '../../src/index/bits';
import { rng } from './helpers';

function naivePopcount(x: number): number {
  let c = 0;
  for (let i = 0; i < 32; i++) c += (x >>> i) & 1;
  return c;
}

describe('bit helpers', () => {
  it('popcount32 matches a bit-by-bit count', () => {
    const rnd = rng(1);
    for (const x of [0, 1, 0xffffffff, 0x80000000, 0x7fffffff, 0x55555555, -1, -2147483648]) expect(popcount32(x)).toBe(naivePopcount(x >>> 0));
    let mismatches = 0;
    for (let i = 0; i < 100000; i++) {
      const x = rnd() >>> (i % 32); // vary density
      if (popcount32(x) !== naivePopcount(x)) mismatches++;
    }
    expect(mismatches).toBe(0);
  });

  it('bytesHexToWords reads hex digits in place, zero-pads short hashes and refuses non-hex', () => {
    const rnd = rng(7);
    const out = new Uint32Array(8);
    for (let i = 0; i < 200; i++) {
      const hex = Array.from({ length: 8 }, () => (rnd() >>> 0).toString(16).padStart(8, '0')).join('');
      const buf = Buffer.from(`xx${i % 2 ? hex.toUpperCase() : hex}yy`);
      bytesHexToWords(buf, 2, 66, out);
      expect(wordsToHex(out)).toBe(hex);
    }
    const md5 = '0123456789abcdef'.repeat(2);
    bytesHexToWords(Buffer.from(md5), 0, 32, out);
    expect(wordsToHex(out)).toBe(md5 + '0'.repeat(32));
    expect(() => bytesHexToWords(Buffer.from('0123456g'), 0, 8, out)).toThrow(/not a hex digit/);
    expect(() => bytesHexToWords(Buffer.from('0123456'), 0, 7, out)).toThrow(/whole 32-bit words/);
  });

  it('hexToWords / wordsToHex round-trip with word 0 = first 8 digits', () => {
    const hex = '0123456789abcdef' + 'ffffffff00000000' + 'deadbeefcafebabe' + '8000000000000001';
    const w = hexToWords(hex);
    expect(w.length).toBe(8);
    expect(w[0]).toBe(0x01234567);
    expect(w[2]).toBe(0xffffffff);
    expect(w[7]).toBe(0x00000001);
    expect(wordsToHex(w)).toBe(hex);
    expect(wordsToHex(hexToWords(hex.toUpperCase()))).toBe(hex);
  });

  it('rejects malformed hex', () => {
    expect(() => hexToWords('abc')).toThrow(RangeError);
    expect(() => hexToWords('zzzzzzzz')).toThrow(RangeError);
    expect(() => hexToWords('0x123456')).toThrow(RangeError);
  });

  it('packHexHashes packs 8 words per hash and rejects other widths', () => {
    const a = 'f'.repeat(64);
    const b = '0'.repeat(63) + '1';
    const packed = packHexHashes([a, b]);
    expect(packed.length).toBe(16);
    expect(hammingDistance(packed.subarray(0, 8), packed.subarray(8, 16))).toBe(255);
    expect(() => packHexHashes(['ab'.repeat(16)])).toThrow(RangeError);
  });
});
