import * as bits from './bits';
import * as kernel from './scan-kernel';
import * as masks from './masks';
import type { MatchSink } from './sink';
import { HI_ENTRY_BYTES, type SegmentTables, type WordTables } from './word-pair-tables';

// Transpiled imports (esbuild for tsx, SWC for jest) are getter properties, ~3x slower per call or
// typed-array read in a hot loop; bind them to plain module constants once.
const { popcount32 } = bits;
const { MASKS16, MASK_START } = masks;
const { REC_OFFSET, REC_CAP, HIT_OFFSET, HIT_CAP } = kernel;

/*
 * One segment query, in phases so that memory latency overlaps instead of adding up (every bucket
 * and candidate sits at a random address: a TLB + cache miss of 150–300 ns on a VM with 4 KiB pages):
 *   1. bucket ranges for all probed words and sides become kernel records; the kernel touches all
 *      their cache lines first, then filters them 8 entries per SIMD step;
 *   2. lo-side hits know their whole word value; the hi bucket holding their ids is scanned for it
 *      (another kernel batch, exact match);
 *   3. candidates: read their ids (stored right after the bucket just scanned, so usually
 *      cached), touch all their hashes in one burst, then verify with the first-word rule.
 * Scratch state is module-level: searches are synchronous, so one query runs at a time per thread.
 */

const KIND_HI = 0;
const KIND_LO = 1;
const KIND_RESOLVE = 2;

// JS-side twin of the kernel records: what each record's hits mean
const recPos = new Int32Array(REC_CAP); // entry index of the record's first entry
const recRegion = new Int32Array(REC_CAP); // first entry of the whole bucket
const recRegionEnd = new Int32Array(REC_CAP); // end of the whole bucket (hi side: where its ids start)
const recMeta = new Int32Array(REC_CAP); // word | kind << 3
const recKey = new Int32Array(REC_CAP); // lo side: the bucket's low half
let nRec = 0;
let nEntries = 0;

// candidates: word and heap byte address of the 3-byte local id (later: the local id itself)
let candWord: Int32Array = new Int32Array(1024);
let candPos: Int32Array = new Int32Array(1024);
let nCand = 0;
let loWord: Int32Array = new Int32Array(256);
let loHigh: Int32Array = new Int32Array(256);
let loKey: Int32Array = new Int32Array(256);
let nLo = 0;

const LOOK_BACK_MAX = 256;
const bigBucketSeen = new Set<number>();

/** Touched values land here so the touch loops are not optimised away. */
export let prefetchSink = 0;

function grown(a: Int32Array): Int32Array {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}

function addCandidate(p: number, pos: number): void {
  if (nCand === candWord.length) {
    candWord = grown(candWord);
    candPos = grown(candPos);
  }
  candWord[nCand] = p;
  candPos[nCand] = pos;
  nCand++;
}

function addLoHit(p: number, high: number, key: number): void {
  if (nLo === loWord.length) {
    loWord = grown(loWord);
    loHigh = grown(loHigh);
    loKey = grown(loKey);
  }
  loWord[nLo] = p;
  loHigh[nLo] = high;
  loKey[nLo] = key;
  nLo++;
}

/** Runs the kernel on the pending records and files every hit by its record's kind. */
function flush(t: SegmentTables): void {
  if (nRec === 0) return;
  const heap = t.heap;
  const hits = heap.scan(nRec);
  const i32 = heap.i32;
  for (let h = 0, o = HIT_OFFSET >> 2; h < hits; h++, o += 2) {
    const rec = i32[o]!;
    const pos = recPos[rec]! + i32[o + 1]!;
    const meta = recMeta[rec]!;
    const p = meta & 7;
    const kind = meta >> 3;
    if (kind !== KIND_LO) {
      const s = recRegion[rec]!;
      addCandidate(p, t.words[p]!.hiAddr + HI_ENTRY_BYTES * s + 2 * (recRegionEnd[rec]! - s) + 3 * (pos - s));
    } else {
      // Equal word values share a lo bucket; only the first one looks their ids up. Normal
      // buckets (~150 entries at 10M) just look back; skewed giant ones use a set instead, so a
      // bucket always uses one rule and the look-back cannot go quadratic.
      const high = t.words[p]!.loHigh;
      const v = high[pos]!;
      const s = recRegion[rec]!;
      let first = true;
      if (recRegionEnd[rec]! - s <= LOOK_BACK_MAX) {
        for (let u = s; u < pos; u++) {
          if (high[u] === v) {
            first = false;
            break;
          }
        }
      } else {
        const key = (p * 65536 + v) * 65536 + recKey[rec]!; // < 2^35: exact as a double
        first = !bigBucketSeen.has(key);
        bigBucketSeen.add(key);
      }
      if (first) addLoHit(p, v, recKey[rec]!);
    }
  }
  nRec = 0;
  nEntries = 0;
}

/**
 * Queues bucket [s, e), whose 16-bit entries start at heap byte address `bucket`; hits have
 * popcount distance in [min, max] from query16.
 */
function addRecords(t: SegmentTables, bucket: number, s: number, e: number, query16: number, min: number, max: number, meta: number, key: number): void {
  const params = query16 | (max << 16) | (min << 24);
  const i32 = t.heap.i32;
  for (let c = s; c < e; c += HIT_CAP) {
    const n = Math.min(HIT_CAP, e - c); // a bucket bigger than the hit buffer is split
    if (nRec === REC_CAP || nEntries + n > HIT_CAP) flush(t);
    const o = (REC_OFFSET >> 2) + nRec * 4;
    i32[o] = bucket + 2 * (c - s);
    i32[o + 1] = n;
    i32[o + 2] = params;
    i32[o + 3] = nRec;
    recPos[nRec] = c;
    recRegion[nRec] = s;
    recRegionEnd[nRec] = e;
    recMeta[nRec] = meta;
    recKey[nRec] = key;
    nRec++;
    nEntries += n;
  }
}

/** Loads every bucket offset phase 1 will read, in a tight loop whose cache misses overlap. */
function touchOffsets(t: SegmentTables, q: Uint32Array, radii: Int8Array): void {
  let x = 0;
  for (let p = 0; p < 8; p++) {
    const tp = radii[p]!;
    if (tp < 0) continue;
    const a = Math.min(tp >> 1, 16);
    const b = Math.min(tp - a - 1, 16);
    const w = t.words[p]!;
    const hiOff = w.hiOff;
    const loOff = w.loOff;
    const qHi = q[p]! >>> 16;
    const qLo = q[p]! & 0xffff;
    for (let m = 0, end = MASK_START[a + 1]!; m < end; m++) x ^= hiOff[qHi ^ MASKS16[m]!]!;
    for (let m = 0, end = b < 0 ? 0 : MASK_START[b + 1]!; m < end; m++) x ^= loOff[qLo ^ MASKS16[m]!]!;
  }
  prefetchSink ^= x;
}

/** Phase 1: every bucket within the word radii, both sides. */
function probeWords(t: SegmentTables, q: Uint32Array, radii: Int8Array): void {
  touchOffsets(t, q, radii);
  for (let p = 0; p < 8; p++) {
    const tp = radii[p]!;
    if (tp < 0) continue;
    // dist(word) <= tp  <=>  hi-half distance <= a (hi side), or > a with lo-half distance <= tp - a - 1 (lo side)
    const a = Math.min(tp >> 1, 16);
    const b = Math.min(tp - a - 1, 16);
    const w: WordTables = t.words[p]!;
    const qHi = q[p]! >>> 16;
    const qLo = q[p]! & 0xffff;
    const hiOff = w.hiOff;
    for (let k = 0; k <= a; k++) {
      const max = Math.min(tp - k, 16);
      const meta = p | (KIND_HI << 3);
      for (let m = MASK_START[k]!, end = MASK_START[k + 1]!; m < end; m++) {
        const key = qHi ^ MASKS16[m]!;
        const s = hiOff[key]!;
        const e = hiOff[key + 1]!;
        if (s < e) addRecords(t, w.hiAddr + HI_ENTRY_BYTES * s, s, e, qLo, 0, max, meta, key);
      }
    }
    const loOff = w.loOff;
    for (let k = 0; k <= b; k++) {
      const max = Math.min(tp - k, 16);
      if (max <= a) continue;
      const meta = p | (KIND_LO << 3);
      for (let m = MASK_START[k]!, end = MASK_START[k + 1]!; m < end; m++) {
        const key = qLo ^ MASKS16[m]!;
        const s = loOff[key]!;
        const e = loOff[key + 1]!;
        if (s < e) addRecords(t, w.loHighAddr + 2 * s, s, e, qHi, a + 1, max, meta, key);
      }
    }
  }
  flush(t);
}

/** Phase 2: a lo hit's ids are in hi bucket `high`, at the entries whose low half equals its key. */
function resolveLoHits(t: SegmentTables): void {
  for (let j = 0; j < nLo; j++) {
    const p = loWord[j]!;
    const w = t.words[p]!;
    const h = loHigh[j]!;
    const s = w.hiOff[h]!;
    addRecords(t, w.hiAddr + HI_ENTRY_BYTES * s, s, w.hiOff[h + 1]!, loKey[j]!, 0, 0, p | (KIND_RESOLVE << 3), 0);
  }
  flush(t);
}

/** Phase 3: ids, then hashes, then full verification and the first-word dedupe rule. */
function verifyCandidates(
  t: SegmentTables,
  hashes: Uint32Array,
  base: number,
  q: Uint32Array,
  radius: number,
  radii: Int8Array,
  dead: Uint8Array,
  sink: MatchSink,
): void {
  const u8 = t.heap.u8;
  let x = 0;
  for (let c = 0; c < nCand; c++) {
    const a = candPos[c]!; // id bytes sit in the bucket just scanned: usually cached already
    const local = u8[a]! | (u8[a + 1]! << 8) | (u8[a + 2]! << 16);
    candPos[c] = local; // the slot now holds the local id
    x ^= hashes[local * 8]!;
  }
  prefetchSink ^= x;
  for (let c = 0; c < nCand; c++) {
    const o = candPos[c]! * 8;
    const p = candWord[c]!;
    // One pass over the words: stop as soon as the distance exceeds the radius (random candidates,
    // usually after 2 words) or an earlier probed word also qualifies (first-word rule: that word
    // reports the hash, so duplicates of planted/near hashes stop early too).
    let d = 0;
    let w = 0;
    for (; w < 8; w++) {
      const dw = popcount32(q[w]! ^ hashes[o + w]!);
      if (w < p && dw <= radii[w]!) break;
      d += dw;
      if (d > radius) break;
    }
    if (w < 8) continue;
    const id = base + candPos[c]!;
    if (((dead[id >>> 3]! >>> (id & 7)) & 1) === 0) sink.push(id, d); // tombstone bitset
  }
}

/** Exact search of one segment's word-pair tables; see word-pair-segment.ts for the scheme. */
export function searchWordPairs(
  t: SegmentTables,
  hashes: Uint32Array,
  base: number,
  q: Uint32Array,
  radius: number,
  radii: Int8Array,
  dead: Uint8Array,
  sink: MatchSink,
): void {
  nRec = 0;
  nEntries = 0;
  nCand = 0;
  nLo = 0;
  if (bigBucketSeen.size > 0) bigBucketSeen.clear();
  probeWords(t, q, radii);
  resolveLoHits(t);
  verifyCandidates(t, hashes, base, q, radius, radii, dead, sink);
}
