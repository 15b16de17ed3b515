import * as bits from './bits';
import { encodeModule, I32, op, V128 } from './wasm-asm';

const { POP16 } = bits;

/*
 * Bucket scanning is the hot loop of a word-pair search (~42k 16-bit entries per query at 10M).
 * Scalar JS manages ~1.4 ns per entry; a WebAssembly SIMD kernel (xor, i8x16.popcnt, pairwise add,
 * two compares per 8 entries) is ~10x faster. So each segment keeps its bucket arrays in a "heap"
 * (a WebAssembly.Memory when SIMD is available, else a plain ArrayBuffer) and the search hands the
 * kernel batches of records instead of looping itself.
 *
 * Heap layout (bytes):
 *   [0, 16)            touch sink (keeps the prefetch loads alive)
 *   [16, HIT_OFFSET)   REC_CAP records of 4 int32: byte address of first entry (any alignment), entry count,
 *                      params = query16 | maxDist << 16 | minDist << 24, tag
 *   [HIT_OFFSET, ...)  HIT_CAP hits of 2 int32: tag, index within the record
 *   [ARRAYS_OFFSET, …) the segment's 16-bit bucket arrays (each padded by 8 entries, because the
 *                      kernel reads whole 16-byte vectors past a record's end and masks them)
 * A record yields entries whose popcount(entry ^ query16) is in [minDist, maxDist].
 */
export const REC_OFFSET = 16;
export const REC_CAP = 4096;
export const HIT_OFFSET = REC_OFFSET + REC_CAP * 16;
/** A batch never holds more entries than this, so hits cannot overflow. */
export const HIT_CAP = 1 << 15;
export const ARRAYS_OFFSET = HIT_OFFSET + HIT_CAP * 8;
export const ARRAY_PAD = 8;

export interface ScanHeap {
  readonly buffer: ArrayBuffer;
  readonly i32: Int32Array;
  readonly u16: Uint16Array;
  readonly u8: Uint8Array;
  readonly simd: boolean;
  /** Scans records [0, n) and returns the number of hits written at HIT_OFFSET. */
  scan(n: number): number;
}

// locals of the kernel: params 0-2, then i32s 3-11, then v128s 12-15
const REG = 0,
  NREG = 1,
  OUT = 2,
  END = 3,
  ADDR = 4,
  N = 5,
  PRM = 6,
  TAG = 7,
  I = 8,
  BITS = 9,
  NHITS = 10,
  SINK = 11,
  CUR = 12;
const QS = 13,
  MAXS = 14,
  MINS = 15,
  M = 16;

/** scan(records, nRecords, hitsOut) -> nHits: touch every record's cache lines, then SIMD-filter them. */
const kernelBody = [
  op.get(REG),
  op.get(NREG),
  op.i32Const(4),
  op.i32Shl,
  op.i32Add,
  op.set(END),
  // pass 1: one load per 64-byte line of every record, so the misses overlap instead of queueing
  op.get(REG),
  op.set(CUR),
  op.block,
  op.loop,
  op.get(CUR),
  op.get(END),
  op.i32GeU,
  op.brIf(1),
  op.get(SINK),
  op.get(CUR),
  op.i32Load(0),
  op.i32Load8U(0),
  op.i32Xor,
  op.set(SINK),
  op.get(CUR),
  op.i32Const(16),
  op.i32Add,
  op.set(CUR),
  op.br(0),
  op.end,
  op.end,
  op.get(REG),
  op.set(CUR),
  op.block,
  op.loop,
  op.get(CUR),
  op.get(END),
  op.i32GeU,
  op.brIf(1),
  op.get(CUR),
  op.i32Load(0),
  op.set(ADDR),
  op.get(ADDR),
  op.get(CUR),
  op.i32Load(4),
  op.i32Const(1),
  op.i32Shl,
  op.i32Add,
  op.set(N),
  op.block,
  op.loop,
  op.get(ADDR),
  op.get(N),
  op.i32GeU,
  op.brIf(1),
  op.get(SINK),
  op.get(ADDR),
  op.i32Load8U(0),
  op.i32Xor,
  op.set(SINK),
  op.get(ADDR),
  op.i32Const(64),
  op.i32Add,
  op.set(ADDR),
  op.br(0),
  op.end,
  op.end,
  op.get(CUR),
  op.i32Const(16),
  op.i32Add,
  op.set(CUR),
  op.br(0),
  op.end,
  op.end,
  op.i32Const(0),
  op.get(SINK),
  op.i32Store(0),
  // pass 2: 8 entries per step
  op.block,
  op.loop,
  op.get(REG),
  op.get(END),
  op.i32GeU,
  op.brIf(1),
  op.get(REG),
  op.i32Load(0),
  op.set(ADDR),
  op.get(REG),
  op.i32Load(4),
  op.set(N),
  op.get(REG),
  op.i32Load(8),
  op.set(PRM),
  op.get(REG),
  op.i32Load(12),
  op.set(TAG),
  op.get(PRM),
  op.i32Const(0xffff),
  op.i32And,
  op.i16x8Splat,
  op.set(QS),
  op.get(PRM),
  op.i32Const(16),
  op.i32ShrU,
  op.i32Const(0xff),
  op.i32And,
  op.i16x8Splat,
  op.set(MAXS),
  op.get(PRM),
  op.i32Const(24),
  op.i32ShrU,
  op.i16x8Splat,
  op.set(MINS),
  op.i32Const(0),
  op.set(I),
  op.block,
  op.loop,
  op.get(I),
  op.get(N),
  op.i32GeU,
  op.brIf(1),
  // m = popcount16(entries ^ q) in [min, max]
  op.get(ADDR),
  op.get(I),
  op.i32Const(1),
  op.i32Shl,
  op.i32Add,
  op.v128Load(0),
  op.get(QS),
  op.v128Xor,
  op.i8x16Popcnt,
  op.i16x8ExtaddPairwiseI8x16U,
  op.tee(M),
  op.get(MAXS),
  op.i16x8LeU,
  op.get(M),
  op.get(MINS),
  op.i16x8GeU,
  op.v128And,
  op.tee(M),
  op.v128AnyTrue,
  op.if,
  op.get(M),
  op.i16x8Bitmask,
  op.set(BITS),
  // drop lanes past the record's end
  op.get(N),
  op.get(I),
  op.i32Sub,
  op.i32Const(8),
  op.i32LtU,
  op.if,
  op.get(BITS),
  op.i32Const(1),
  op.get(N),
  op.get(I),
  op.i32Sub,
  op.i32Shl,
  op.i32Const(1),
  op.i32Sub,
  op.i32And,
  op.set(BITS),
  op.end,
  op.block,
  op.loop,
  op.get(BITS),
  op.i32Eqz,
  op.brIf(1),
  op.get(OUT),
  op.get(TAG),
  op.i32Store(0),
  op.get(OUT),
  op.get(I),
  op.get(BITS),
  op.i32Ctz,
  op.i32Add,
  op.i32Store(4),
  op.get(OUT),
  op.i32Const(8),
  op.i32Add,
  op.set(OUT),
  op.get(NHITS),
  op.i32Const(1),
  op.i32Add,
  op.set(NHITS),
  op.get(BITS),
  op.get(BITS),
  op.i32Const(1),
  op.i32Sub,
  op.i32And,
  op.set(BITS),
  op.br(0),
  op.end,
  op.end,
  op.end,
  op.get(I),
  op.i32Const(8),
  op.i32Add,
  op.set(I),
  op.br(0),
  op.end,
  op.end,
  op.get(REG),
  op.i32Const(16),
  op.i32Add,
  op.set(REG),
  op.br(0),
  op.end,
  op.end,
  op.get(NHITS),
];

const KERNEL_BYTES = encodeModule([
  {
    name: 'scan',
    params: [I32, I32, I32],
    results: [I32],
    locals: [
      [10, I32],
      [4, V128],
    ],
    body: kernelBody,
  },
]);

/** The slice of the WebAssembly JS API used here (the project's tsconfig has no DOM lib typings). */
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
  Memory: new (descriptor: { initial: number; maximum: number }) => { buffer: ArrayBuffer };
}
const wasm = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;

let compiled: object | null | undefined;

/** The compiled kernel, or null where WebAssembly SIMD is unavailable. */
function kernelModule(): object | null {
  if (compiled === undefined) compiled = wasm !== undefined && wasm.validate(KERNEL_BYTES) ? new wasm.Module(KERNEL_BYTES) : null;
  return compiled;
}

export function simdAvailable(): boolean {
  return kernelModule() !== null;
}

/** Scalar twin of the kernel with identical semantics (fallback, and the reference in tests). */
function scanJs(i32: Int32Array, u8: Uint8Array, n: number): number {
  let hits = 0;
  let out = HIT_OFFSET >> 2;
  for (let r = 0, rec = REC_OFFSET >> 2; r < n; r++, rec += 4) {
    const addr = i32[rec]!; // entries may start at an odd byte address
    const count = i32[rec + 1]!;
    const prm = i32[rec + 2]!;
    const tag = i32[rec + 3]!;
    const q = prm & 0xffff;
    const max = (prm >>> 16) & 0xff;
    const min = prm >>> 24;
    for (let i = 0, a = addr; i < count; i++, a += 2) {
      const d = POP16[(u8[a]! | (u8[a + 1]! << 8)) ^ q]!;
      if (d <= max && d >= min) {
        i32[out++] = tag;
        i32[out++] = i;
        hits++;
      }
    }
  }
  return hits;
}

/** A heap with room for `arrayBytes` of bucket arrays after the scratch area. */
export function createScanHeap(arrayBytes: number, preferSimd = true): ScanHeap {
  const bytes = ARRAYS_OFFSET + arrayBytes;
  const mod = preferSimd ? kernelModule() : null;
  if (mod !== null && wasm !== undefined) {
    const pages = Math.ceil(bytes / 65536);
    const memory = new wasm.Memory({ initial: pages, maximum: pages });
    const instance = new wasm.Instance(mod, { env: { mem: memory } });
    const fn = instance.exports.scan as (reg: number, n: number, out: number) => number;
    const buffer = memory.buffer;
    return {
      buffer,
      i32: new Int32Array(buffer),
      u16: new Uint16Array(buffer),
      u8: new Uint8Array(buffer),
      simd: true,
      scan: (n) => fn(REC_OFFSET, n, HIT_OFFSET),
    };
  }
  const buffer = new ArrayBuffer(Math.ceil(bytes / 4) * 4);
  const i32 = new Int32Array(buffer);
  const u8 = new Uint8Array(buffer);
  return { buffer, i32, u16: new Uint16Array(buffer), u8, simd: false, scan: (n) => scanJs(i32, u8, n) };
}
