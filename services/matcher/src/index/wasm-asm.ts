/**
 * Just enough of a WebAssembly binary encoder to emit the SIMD scan kernel from TypeScript source
 * (no .wasm artefact or build tool to keep in sync). Opcode numbers follow the WebAssembly core +
 * fixed-width SIMD specs; WebAssembly.validate() guards the encoding at load time.
 */

export const I32 = 0x7f;
export const V128 = 0x7b;

export function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
}

export function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (b & 0x40) === 0) || (n === -1 && (b & 0x40) !== 0)) {
      out.push(b);
      return out;
    }
    out.push(b | 0x80);
  }
}

const simd = (code: number): number[] => [0xfd, ...uleb(code)];

/** Instruction encoders (memarg alignment is a log2 hint only). */
export const op = {
  block: [0x02, 0x40],
  loop: [0x03, 0x40],
  if: [0x04, 0x40],
  end: [0x0b],
  br: (depth: number) => [0x0c, ...uleb(depth)],
  brIf: (depth: number) => [0x0d, ...uleb(depth)],
  get: (local: number) => [0x20, ...uleb(local)],
  set: (local: number) => [0x21, ...uleb(local)],
  tee: (local: number) => [0x22, ...uleb(local)],
  i32Load: (offset = 0) => [0x28, 2, ...uleb(offset)],
  i32Load8U: (offset = 0) => [0x2d, 0, ...uleb(offset)],
  i32Store: (offset = 0) => [0x36, 2, ...uleb(offset)],
  i32Const: (n: number) => [0x41, ...sleb(n)],
  i32Eqz: [0x45],
  i32LtU: [0x49],
  i32GeU: [0x4f],
  i32Ctz: [0x68],
  i32Add: [0x6a],
  i32Sub: [0x6b],
  i32And: [0x71],
  i32Xor: [0x73],
  i32Shl: [0x74],
  i32ShrU: [0x76],
  v128Load: (offset = 0) => [...simd(0x00), 0, ...uleb(offset)],
  i16x8Splat: simd(0x10),
  i16x8LeU: simd(0x34),
  i16x8GeU: simd(0x36),
  v128And: simd(0x4e),
  v128Xor: simd(0x51),
  v128AnyTrue: simd(0x53),
  i8x16Popcnt: simd(0x62),
  i16x8ExtaddPairwiseI8x16U: simd(0x7d),
  i16x8Bitmask: simd(0x84),
};

export interface WasmFunction {
  name: string;
  params: number[];
  results: number[];
  /** [count, type] runs, numbered after the params. */
  locals: [number, number][];
  body: (number | number[])[];
}

const str = (s: string): number[] => [...uleb(s.length), ...Buffer.from(s, 'utf8')];
const vec = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];
const section = (id: number, bytes: number[]): number[] => [id, ...uleb(bytes.length), ...bytes];

/** A module importing its memory as env.mem and exporting the given functions. */
export function encodeModule(funcs: WasmFunction[]): Uint8Array {
  const types = funcs.map((f) => [0x60, ...vec(f.params.map((t) => [t])), ...vec(f.results.map((t) => [t]))]);
  const imports = vec([[...str('env'), ...str('mem'), 0x02, 0x00, 0x01]]); // memory, min 1 page, no max
  const functions = vec(funcs.map((_, i) => uleb(i)));
  const exports = vec(funcs.map((f, i) => [...str(f.name), 0x00, ...uleb(i)]));
  const code = vec(
    funcs.map((f) => {
      const body = [...vec(f.locals.map(([n, t]) => [...uleb(n), t])), ...f.body.flat(), 0x0b];
      return [...uleb(body.length), ...body];
    }),
  );
  return new Uint8Array([
    0x00,
    0x61,
    0x73,
    0x6d,
    0x01,
    0x00,
    0x00,
    0x00,
    ...section(1, vec(types)),
    ...section(2, imports),
    ...section(3, functions),
    ...section(7, exports),
    ...section(10, code),
  ]);
}
