import * as bits from './bits';
import * as kernel from './scan-kernel';
import * as masks from './masks';
import type { MatchSink } from './sink';
import type { SegmentTables, WordTables } from './word-pair-tables';

// Transpiled imports (esbuild for tsx, SWC for jest) are getter properties, ~3x slower per call or
// typed-array read in a hot loop; bind them to plain module constants once.
const { distanceWithin, popcount32 } = bits;
const { MASKS16, MASK_START } = masks;
const { REC_OFFSET, REC_CAP, HIT_OFFSET, HIT_CAP } = kernel;

/*
 * One segment query, in phases so that memory latency overlaps instead of adding up (every bucket
 * and candidate sits at a random address: a TLB + cache miss of 150–300 ns on a VM with 4 KiB pages):
 *   1. bucket ranges for all probed words and sides become kernel records; the kernel touches all
 *      their cache lines first, then filters them 8 entries per SIMD step;
 *   2. lo-side hits know their whole word value; the hi bucket holding their ids is scanned for it
 *      (another kernel batch, exact match);
 *   3. candidates: touch ids, then hashes, then verify and apply the first-word rule.
 */

const KIND_HI = 0;
const KIND_LO = 1;
const KIND_RESOLVE = 2;

// JS-side twin of the kernel records: what each record's hits mean
const recPos = new Int32Array(REC_CAP); // entry index of the record's first entry
const recRegion = new Int32Array(REC_CAP); // first entry of the whole bucket (lo-side dedupe)
const recMeta = new Int32Array(REC_CAP); // word | kind << 3
const recKey = new Int32Array(REC_CAP); // lo side: the bucket's low half
let nRec = 0;
let nEntries = 0;

let candWord: Int32Array = new Int32Array(1024);
let candPos: Int32Array = new Int32Array(1024);
let nCand = 0;
let loWord: Int32Array = new Int32Array(256);
let loHigh: Int32Array = new Int32Array(256);
let loKey: Int32Array = new Int32Array(256);
let nLo = 0;

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
    if (kind === KIND_LO) {
      // equal word values share a lo bucket; only the first one looks their ids up
      const high = t.words[p]!.loHigh;
      const v = high[pos]!;
      let first = true;
      for (let u = recRegion[rec]!; u < pos; u++) {
        if (high[u] === v) {
          first = false;
          break;
        }
      }
      if (first) addLoHit(p, v, recKey[rec]!);
    } else addCandidate(p, pos);
  }
  nRec = 0;
  nEntries = 0;
}

/** Queues bucket [s, e) of the array at byte address addr; hits have popcount distance in [min, max]. */
function addRecords(t: SegmentTables, addr: number, s: number, e: number, query16: number, min: number, max: number, meta: number, key: number): void {
  const params = query16 | (max << 16) | (min << 24);
  const i32 = t.heap.i32;
  for (let c = s; c < e; c += HIT_CAP) {
    const n = Math.min(HIT_CAP, e - c); // a bucket bigger than the hit buffer is split
    if (nRec === REC_CAP || nEntries + n > HIT_CAP) flush(t);
    const o = (REC_OFFSET >> 2) + nRec * 4;
    i32[o] = addr + c * 2;
    i32[o + 1] = n;
    i32[o + 2] = params;
    i32[o + 3] = nRec;
    recPos[nRec] = c;
    recRegion[nRec] = s;
    recMeta[nRec] = meta;
    recKey[nRec] = key;
    nRec++;
    nEntries += n;
  }
}

/** Phase 1: every bucket within the word radii, both sides. */
function probeWords(t: SegmentTables, q: Uint32Array, radii: Int8Array): void {
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
        if (s < e) addRecords(t, w.hiLowAddr, s, e, qLo, 0, max, meta, key);
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
        if (s < e) addRecords(t, w.loHighAddr, s, e, qHi, a + 1, max, meta, key);
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
    addRecords(t, w.hiLowAddr, w.hiOff[h]!, w.hiOff[h + 1]!, loKey[j]!, 0, 0, p | (KIND_RESOLVE << 3), 0);
  }
  flush(t);
}

/** Phase 3: ids, then hashes, then full verification and the first-word dedupe rule. */
function verifyCandidates(t: SegmentTables, hashes: Uint32Array, base: number, q: Uint32Array, radius: number, radii: Int8Array, dead: Uint8Array, sink: MatchSink): void {
  const words = t.words;
  let x = 0;
  for (let c = 0; c < nCand; c++) x ^= words[candWord[c]!]!.hiIds[candPos[c]! * 3]!;
  for (let c = 0; c < nCand; c++) {
    const ids = words[candWord[c]!]!.hiIds;
    const u = candPos[c]! * 3;
    const local = ids[u]! | (ids[u + 1]! << 8) | (ids[u + 2]! << 16);
    candPos[c] = local; // the slot now holds the local id
    x ^= hashes[local * 8]!;
  }
  prefetchSink ^= x;
  for (let c = 0; c < nCand; c++) {
    const o = candPos[c]! * 8;
    const d = distanceWithin(q, hashes, o, radius);
    if (d < 0) continue;
    // reported by the first probed word it qualifies in; later words skip it
    const p = candWord[c]!;
    let first = true;
    for (let p2 = 0; p2 < p; p2++) {
      const tp = radii[p2]!;
      if (tp >= 0 && popcount32(q[p2]! ^ hashes[o + p2]!) <= tp) {
        first = false;
        break;
      }
    }
    const id = base + candPos[c]!;
    if (first && dead[id] === 0) sink.push(id, d);
  }
}

/** Exact search of one segment's word-pair tables; see word-pair-segment.ts for the scheme. */
export function searchWordPairs(t: SegmentTables, hashes: Uint32Array, base: number, q: Uint32Array, radius: number, radii: Int8Array, dead: Uint8Array, sink: MatchSink): void {
  nRec = 0;
  nEntries = 0;
  nCand = 0;
  nLo = 0;
  probeWords(t, q, radii);
  resolveLoHits(t);
  verifyCandidates(t, hashes, base, q, radius, radii, dead, sink);
}
