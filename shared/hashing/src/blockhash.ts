/**
 * blockhash-core's `bmvbhash(data, 16)` (LinusU/blockhash-core 0.1.0, the hash our lists' blockhashes were computed
 * with), rewritten over typed arrays so that a full-resolution picture costs about one pass over its bytes. It must
 * give the reference's hex string bit for bit, so the arithmetic is the reference's, in the reference's order:
 *  - a pixel's value is R + G + B, or 765 when its alpha is 0 (3-channel input has no transparent pixels);
 *  - sides divisible by 16: plain block sums (integers, exact in any order);
 *  - otherwise every pixel adds `value · weightTop · weightLeft`, `… · weightRight`, `… · weightBottom · weightLeft`,
 *    `… · weightRight` to its blocks in that order, row-major; floating-point sums depend on their order, and the
 *    medians compare near-equal blocks of flat pictures, so each block receives exactly the same sequence of
 *    additions as in the reference (blocks are independent, so we may visit them in another order);
 *  - bits: per quarter (4 block rows), 1 where the block exceeds the quarter's median, or is within 1 of a median
 *    above half the maximum; printed as hex, 4 bits a digit, block order.
 * shared/hashing/test/blockhash.test.ts checks the equivalence against blockhash-core on odd, tiny and transparent
 * pictures.
 */
const BITS = 16;

export function blockhash256(data: Uint8Array, width: number, height: number, channels: 3 | 4): string {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) throw new RangeError(`bad image size ${width}×${height}`);
  if (data.length < width * height * channels) throw new RangeError(`buffer too short for ${width}×${height}×${channels}`);
  const evenX = width % BITS === 0;
  const evenY = height % BITS === 0;
  if (evenX && evenY) return bitsToHex(evenBlocks(data, width, height, channels), (width / BITS) * (height / BITS));
  return bitsToHex(weightedBlocks(data, width, height, channels, evenX, evenY), (width / BITS) * (height / BITS));
}

/** Sums of R + G + B over the 256 equal blocks (the reference's bmvbhashEven). */
function evenBlocks(data: Uint8Array, width: number, height: number, channels: number): Float64Array {
  const bw = width / BITS;
  const bh = height / BITS;
  const blocks = new Float64Array(BITS * BITS);
  for (let y = 0; y < height; y++) {
    const rowBase = Math.floor(y / bh) * BITS;
    let p = y * width * channels;
    for (let c = 0; c < BITS; c++) {
      let sum = 0;
      if (channels === 4) {
        for (let x = 0; x < bw; x++, p += 4) sum += data[p + 3] === 0 ? 765 : data[p]! + data[p + 1]! + data[p + 2]!;
      } else {
        // R + G + B of every pixel of the segment is the sum of its bytes.
        for (const end = p + 3 * bw; p < end; p++) sum += data[p]!;
      }
      blocks[rowBase + c]! += sum;
    }
  }
  return blocks;
}

/**
 * The reference's weighted path. Per axis a pixel has a first and second block and their weights; the tables below
 * hold them per column, computed with the reference's expressions. Within one row, each block column's additions
 * run over its own pixels left to right, as in the reference.
 */
function weightedBlocks(data: Uint8Array, width: number, height: number, channels: number, evenX: boolean, evenY: boolean): Float64Array {
  const blockWidth = width / BITS;
  const blockHeight = height / BITS;
  const left = new Int32Array(width);
  const right = new Int32Array(width);
  const wLeft = new Float64Array(width);
  const wRight = new Float64Array(width);
  for (let x = 0; x < width; x++) {
    if (evenX) {
      left[x] = right[x] = Math.floor(x / blockWidth);
      wLeft[x] = 1;
      wRight[x] = 0;
    } else {
      const xMod = (x + 1) % blockWidth;
      const xFrac = xMod - Math.floor(xMod);
      const xInt = xMod - xFrac;
      wLeft[x] = 1 - xFrac;
      wRight[x] = xFrac;
      left[x] = Math.floor(x / blockWidth);
      right[x] = xInt > 0 || x + 1 === width ? left[x]! : Math.ceil(x / blockWidth);
    }
  }
  // Pixels first..last of a row add to block column c (as its left or right block).
  const first = new Int32Array(BITS).fill(width);
  const last = new Int32Array(BITS).fill(-1);
  for (let x = 0; x < width; x++) {
    for (const c of [left[x]!, right[x]!]) {
      first[c] = Math.min(first[c]!, x);
      last[c] = Math.max(last[c]!, x);
    }
  }
  let span = 0;
  for (let c = 0; c < BITS; c++) span = Math.max(span, last[c]! - first[c]! + 1);
  const blocks = new Float64Array(BITS * BITS);
  const value = new Float64Array(width);
  for (let y = 0; y < height; y++) {
    let top: number;
    let bottom: number;
    let wTop: number;
    let wBottom: number;
    if (evenY) {
      top = bottom = Math.floor(y / blockHeight);
      wTop = 1;
      wBottom = 0;
    } else {
      const yMod = (y + 1) % blockHeight;
      const yFrac = yMod - Math.floor(yMod);
      const yInt = yMod - yFrac;
      wTop = 1 - yFrac;
      wBottom = yFrac;
      top = Math.floor(y / blockHeight);
      bottom = yInt > 0 || y + 1 === height ? top : Math.ceil(y / blockHeight);
    }
    for (let x = 0, p = y * width * channels; x < width; x++, p += channels) {
      value[x] = channels === 4 && data[p + 3] === 0 ? 765 : data[p]! + data[p + 1]! + data[p + 2]!;
    }
    const t = top * BITS;
    const b = bottom * BITS;
    if (top === bottom) {
      // The additions into one block depend on each other; stepping through the 16 block columns side by side
      // keeps 16 independent chains in flight instead of one.
      for (let k = 0; k < span; k++) {
        for (let c = 0; c < BITS; c++) {
          const x = first[c]! + k;
          if (x > last[c]!) continue;
          const v = value[x]!;
          const vt = v * wTop;
          const vb = v * wBottom;
          const wl = wLeft[x]!;
          const wr = wRight[x]!;
          const l = left[x]!;
          const r = right[x]!;
          if (l === r) blocks[t + c] = blocks[t + c]! + vt * wl + vt * wr + vb * wl + vb * wr;
          else if (l === c) blocks[t + c] = blocks[t + c]! + vt * wl + vb * wl;
          else blocks[t + c] = blocks[t + c]! + vt * wr + vb * wr;
        }
      }
    } else {
      for (let x = 0; x < width; x++) {
        const v = value[x]!;
        const vt = v * wTop;
        const vb = v * wBottom;
        const wl = wLeft[x]!;
        const wr = wRight[x]!;
        blocks[t + left[x]!]! += vt * wl;
        blocks[t + right[x]!]! += vt * wr;
        blocks[b + left[x]!]! += vb * wl;
        blocks[b + right[x]!]! += vb * wr;
      }
    }
  }
  return blocks;
}

/** Lower-half and upper-half mean as the reference's `median` (sorts a copy of each quarter). */
function median(values: Float64Array): number {
  const sorted = Float64Array.from(values).sort();
  const n = sorted.length;
  return n % 2 === 0 ? (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2 : sorted[Math.floor(n / 2)]!;
}

function bitsToHex(blocks: Float64Array, pixelsPerBlock: number): string {
  const halfBlockValue = (pixelsPerBlock * 256 * 3) / 2;
  const band = blocks.length / 4;
  const bits = new Uint8Array(blocks.length);
  for (let i = 0; i < 4; i++) {
    const m = median(blocks.subarray(i * band, (i + 1) * band));
    for (let j = i * band; j < (i + 1) * band; j++) {
      const v = blocks[j]!;
      bits[j] = v > m || (Math.abs(v - m) < 1 && m > halfBlockValue) ? 1 : 0;
    }
  }
  let hex = '';
  for (let i = 0; i < bits.length; i += 4) hex += ((bits[i]! << 3) | (bits[i + 1]! << 2) | (bits[i + 2]! << 1) | bits[i + 3]!).toString(16);
  return hex;
}
