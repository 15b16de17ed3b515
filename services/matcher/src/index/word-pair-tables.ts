import * as bits from './bits';
import { ARRAY_PAD, ARRAYS_OFFSET, createScanHeap, type ScanHeap } from './scan-kernel';

const { WORDS_PER_HASH } = bits;

/** Local ids are stored in 3 bytes per entry, so a segment holds at most 2^24 hashes. */
export const MAX_SEGMENT_SIZE = 1 << 24;

/**
 * Tables for one 32-bit word of the hash, split into a high and a low 16-bit half.
 * "hi" side: entries bucketed by the high half, storing the low half inline plus the local id.
 * "lo" side: entries bucketed by the low half, storing only the high half inline; ids are found
 * through the hi side, which saves 3 bytes per entry (memory, not speed, is the binding limit:
 * 7 bytes per hash per word = 560 MB at 10M next to the 320 MB of hashes).
 */
export interface WordTables {
  readonly hiOff: Uint32Array; // 65537 bucket offsets
  readonly hiLow: Uint16Array; // low half per entry (a view into the scan heap)
  readonly hiLowAddr: number; // byte address of hiLow[0] in the heap
  readonly hiIds: Uint8Array; // local id, 3 bytes little-endian per entry
  readonly loOff: Uint32Array;
  readonly loHigh: Uint16Array; // high half per entry (heap view)
  readonly loHighAddr: number;
}

export interface SegmentTables {
  readonly heap: ScanHeap;
  readonly words: WordTables[];
}

/** Counting sort per word and side: one pass to count, one to scatter; no per-entry allocation. */
export function buildWordTables(hashes: Uint32Array, preferSimd = true): SegmentTables {
  const count = hashes.length / WORDS_PER_HASH;
  if (!Number.isInteger(count)) throw new RangeError('hashes.length must be a multiple of 8');
  if (count > MAX_SEGMENT_SIZE) throw new RangeError(`a segment holds at most ${MAX_SEGMENT_SIZE} hashes`);
  const stride = Math.ceil(((count + ARRAY_PAD) * 2) / 16) * 16; // bytes per 16-bit array, 16-aligned
  const heap = createScanHeap(stride * 2 * WORDS_PER_HASH, preferSimd);
  const words: WordTables[] = [];
  const hiCur = new Uint32Array(65536);
  const loCur = new Uint32Array(65536);
  for (let p = 0; p < WORDS_PER_HASH; p++) {
    const hiOff = new Uint32Array(65537);
    const loOff = new Uint32Array(65537);
    for (let o = p; o < hashes.length; o += WORDS_PER_HASH) {
      const w = hashes[o]!;
      const hi = (w >>> 16) + 1;
      const lo = (w & 0xffff) + 1;
      hiOff[hi] = hiOff[hi]! + 1;
      loOff[lo] = loOff[lo]! + 1;
    }
    for (let k = 0; k < 65536; k++) {
      hiOff[k + 1] = hiOff[k + 1]! + hiOff[k]!;
      loOff[k + 1] = loOff[k + 1]! + loOff[k]!;
    }
    hiCur.set(hiOff.subarray(0, 65536));
    loCur.set(loOff.subarray(0, 65536));
    const hiLowAddr = ARRAYS_OFFSET + 2 * p * stride;
    const loHighAddr = hiLowAddr + stride;
    const hiLow = new Uint16Array(heap.buffer, hiLowAddr, count + ARRAY_PAD);
    const loHigh = new Uint16Array(heap.buffer, loHighAddr, count + ARRAY_PAD);
    const hiIds = new Uint8Array(count * 3);
    for (let i = 0, o = p; i < count; i++, o += WORDS_PER_HASH) {
      const w = hashes[o]!;
      const hi = w >>> 16;
      const lo = w & 0xffff;
      const j = hiCur[hi]!;
      hiCur[hi] = j + 1;
      hiLow[j] = lo;
      hiIds[j * 3] = i; // Uint8Array stores keep the low 8 bits
      hiIds[j * 3 + 1] = i >>> 8;
      hiIds[j * 3 + 2] = i >>> 16;
      const k = loCur[lo]!;
      loCur[lo] = k + 1;
      loHigh[k] = hi;
    }
    words.push({ hiOff, hiLow, hiLowAddr, hiIds, loOff, loHigh, loHighAddr });
  }
  return { heap, words };
}

export function tablesBytes(tables: SegmentTables): number {
  let n = tables.heap.buffer.byteLength;
  for (const w of tables.words) n += w.hiOff.byteLength + w.hiIds.byteLength + w.loOff.byteLength;
  return n;
}
