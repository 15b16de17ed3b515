import type { ImageHashes, Match } from '@hotline/shared';
import type { KnownHash } from './known-hashes';

interface PerceptualEntry {
  words: Uint32Array;
  known: KnownHash;
}

function toWords(hex: string): Uint32Array {
  const w = new Uint32Array(hex.length / 8);
  for (let i = 0; i < w.length; i++) w[i] = parseInt(hex.slice(i * 8, i * 8 + 8), 16);
  return w;
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/**
 * Known hashes in memory: hash maps for the cryptographic hashes, a linear scan with early exit for
 * blockhash. (The scale work replaces the scan with a multi-index; the interface stays.)
 */
export class HashIndex {
  private readonly exact = new Map<string, KnownHash[]>();
  private readonly perceptual: PerceptualEntry[] = [];

  constructor(known: KnownHash[]) {
    for (const k of known) {
      if (k.hashType === 'blockhash') this.perceptual.push({ words: toWords(k.hash), known: k });
      else {
        const key = `${k.hashType}:${k.hash}`;
        this.exact.set(key, [...(this.exact.get(key) ?? []), k]);
      }
    }
  }

  get size(): number {
    return this.perceptual.length + [...this.exact.values()].reduce((n, v) => n + v.length, 0);
  }

  match(hashes: ImageHashes, maxBlockhashDistance: number): Match[] {
    const out: Match[] = [];
    for (const type of ['md5', 'sha1', 'sha256'] as const) {
      for (const k of this.exact.get(`${type}:${hashes[type]}`) ?? []) out.push(toMatch(k, 0));
    }
    const q = toWords(hashes.blockhash);
    for (const e of this.perceptual) {
      let d = 0;
      for (let i = 0; i < q.length && d <= maxBlockhashDistance; i++) d += popcount((q[i]! ^ e.words[i]!) >>> 0);
      if (d <= maxBlockhashDistance) out.push(toMatch(e.known, d));
    }
    return out.sort((a, b) => a.distance - b.distance);
  }
}

function toMatch(k: KnownHash, distance: number): Match {
  return { listName: k.listName, listSource: k.listSource, hashType: k.hashType, distance, category: k.category, knownHashId: k.id };
}
