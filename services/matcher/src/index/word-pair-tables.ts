import * as bits from './bits';
import { ARRAY_PAD, ARRAYS_OFFSET, createScanHeap, type ScanHeap } from './scan-kernel';

const { WORDS_PER_HASH } = bits;

/** Local ids are stored in 3 bytes per entry, so a segment holds at most 2^24 hashes. */
export const MAX_SEGMENT_SIZE = 1 << 24;

/** Bytes per hi-side entry: 16-bit other half + 24-bit local id. */
export const HI_ENTRY_BYTES = 5;

/**
 * Tables for one 32-bit word of the hash, split into a high and a low 16-bit half.
 *
 * hi side: entries bucketed by the high half. Bucket k (entries hiOff[k] .. hiOff[k+1]) occupies
 *   heap bytes [hiAddr + 5*hiOff[k], hiAddr + 5*hiOff[k+1]): first the n low halves (uint16 LE,
 *   what the kernel scans), then the n local ids (3 bytes LE each). Keeping a bucket's ids next to
 *   the halves just scanned makes the id lookup of a candidate a hit in an already-mapped page
 *   instead of one more TLB miss in a separate 30 MB array.
 * lo side: entries bucketed by the low half, storing only the high half (uint16 at loHighAddr).
 *   Its ids are found through the hi side, which saves 3 bytes per entry: memory, not speed, is the
 *   binding limit (7 bytes per hash per word = 560 MB at 10M next to 320 MB of hashes).
 */
export interface WordTables {
  readonly hiOff: Uint32Array; // 65537 entry offsets
  readonly hiAddr: number;
  readonly loOff: Uint32Array;
  readonly loHigh: Uint16Array; // heap view
  readonly loHighAddr: number;
}

export interface SegmentTables {
  readonly heap: ScanHeap;
  readonly words: WordTables[];
}

const align16 = (n: number): number => Math.ceil(n / 16) * 16;

/** Counts the hi/lo half values of word p over hashes [from, to). */
function countRange(hashes: Uint32Array, p: number, hiOff: Uint32Array, loOff: Uint32Array, from: number, to: number): void {
  for (let o = from * WORDS_PER_HASH + p, end = to * WORDS_PER_HASH; o < end; o += WORDS_PER_HASH) {
    const w = hashes[o]!;
    const hi = (w >>> 16) + 1;
    const lo = (w & 0xffff) + 1;
    hiOff[hi] = hiOff[hi]! + 1;
    loOff[lo] = loOff[lo]! + 1;
  }
}

/** Places hashes [from, to) of word p into their buckets (cursors advance per bucket). */
function scatterRange(hashes: Uint32Array, p: number, w: WordTables, u8: Uint8Array, hiCur: Uint32Array, loCur: Uint32Array, from: number, to: number): void {
  const { hiOff, hiAddr, loHigh } = w;
  for (let i = from, o = from * WORDS_PER_HASH + p; i < to; i++, o += WORDS_PER_HASH) {
    const v = hashes[o]!;
    const hi = v >>> 16;
    const lo = v & 0xffff;
    const j = hiCur[hi]!;
    hiCur[hi] = j + 1;
    const s = hiOff[hi]!;
    const bucket = hiAddr + HI_ENTRY_BYTES * s;
    const half = bucket + 2 * (j - s);
    u8[half] = lo; // Uint8Array stores keep the low 8 bits
    u8[half + 1] = lo >>> 8;
    const id = bucket + 2 * (hiOff[hi + 1]! - s) + 3 * (j - s);
    u8[id] = i;
    u8[id + 1] = i >>> 8;
    u8[id + 2] = i >>> 16;
    const k = loCur[lo]!;
    loCur[lo] = k + 1;
    loHigh[k] = hi;
  }
}

/**
 * Counting sort per word and side (count, prefix sums, scatter; no per-entry allocation), as a
 * generator that yields after every `chunk` hashes so a background merge can run in time slices
 * between queries. buildWordTables() drains it in one go.
 */
export function* buildWordTablesSteps(hashes: Uint32Array, preferSimd: boolean, chunk: number): Generator<void, SegmentTables, void> {
  const count = hashes.length / WORDS_PER_HASH;
  if (!Number.isInteger(count)) throw new RangeError('hashes.length must be a multiple of 8');
  if (count > MAX_SEGMENT_SIZE) throw new RangeError(`a segment holds at most ${MAX_SEGMENT_SIZE} hashes`);
  // the kernel reads whole 16-byte vectors past a bucket's end, hence the padding
  const hiBytes = align16(count * HI_ENTRY_BYTES + ARRAY_PAD * 2);
  const loBytes = align16((count + ARRAY_PAD) * 2);
  const heap = createScanHeap((hiBytes + loBytes) * WORDS_PER_HASH, preferSimd);
  const words: WordTables[] = [];
  const hiCur = new Uint32Array(65536);
  const loCur = new Uint32Array(65536);
  const allOffsets = new Uint32Array(2 * WORDS_PER_HASH * 65537); // one allocation: small segments are built often
  for (let p = 0; p < WORDS_PER_HASH; p++) {
    const hiOff = allOffsets.subarray(2 * p * 65537, (2 * p + 1) * 65537);
    const loOff = allOffsets.subarray((2 * p + 1) * 65537, (2 * p + 2) * 65537);
    for (let from = 0; from < count; from += chunk) {
      countRange(hashes, p, hiOff, loOff, from, Math.min(count, from + chunk));
      yield;
    }
    for (let k = 0; k < 65536; k++) {
      hiOff[k + 1] = hiOff[k + 1]! + hiOff[k]!;
      loOff[k + 1] = loOff[k + 1]! + loOff[k]!;
    }
    hiCur.set(hiOff.subarray(0, 65536));
    loCur.set(loOff.subarray(0, 65536));
    const hiAddr = ARRAYS_OFFSET + p * (hiBytes + loBytes);
    const loHighAddr = hiAddr + hiBytes;
    const w: WordTables = { hiOff, hiAddr, loOff, loHigh: new Uint16Array(heap.buffer, loHighAddr, count + ARRAY_PAD), loHighAddr };
    for (let from = 0; from < count; from += chunk) {
      scatterRange(hashes, p, w, heap.u8, hiCur, loCur, from, Math.min(count, from + chunk));
      yield;
    }
    words.push(w);
  }
  return { heap, words };
}

export function buildWordTables(hashes: Uint32Array, preferSimd = true): SegmentTables {
  const steps = buildWordTablesSteps(hashes, preferSimd, MAX_SEGMENT_SIZE);
  for (;;) {
    const r = steps.next();
    if (r.done === true) return r.value;
  }
}

export function tablesBytes(tables: SegmentTables): number {
  let n = tables.heap.buffer.byteLength;
  for (const w of tables.words) n += w.hiOff.byteLength + w.loOff.byteLength;
  return n;
}
