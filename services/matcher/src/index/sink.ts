import * as bits from './bits';

// Transpiled imports are getters; a plain binding keeps the per-hash call cheap (see word-pair-segment.ts).
const { distanceWithin, WORDS_PER_HASH } = bits;

export interface HammingMatch {
  /** uint32 id of the stored hash; maps to caller metadata kept outside the index. */
  id: number;
  /** Hamming distance to the query (0..256). */
  distance: number;
}

/** Collects matches as two flat arrays (no per-candidate objects on the hot path). */
export class MatchSink {
  readonly ids: number[] = [];
  readonly distances: number[] = [];

  push(id: number, distance: number): void {
    this.ids.push(id);
    this.distances.push(distance);
  }

  /** Matches sorted by distance, then id, so results are deterministic. */
  toMatches(): HammingMatch[] {
    const out: HammingMatch[] = new Array(this.ids.length);
    for (let i = 0; i < out.length; i++) out[i] = { id: this.ids[i]!, distance: this.distances[i]! };
    return out.sort((a, b) => a.distance - b.distance || a.id - b.id);
  }
}

/**
 * Linear scan of hashes[0 .. count*8) with early exit; ids are base + position, `dead` is the
 * tombstone bitset (see tombstones.ts). Used for the small
 * append tail, for very large radii where no index helps, and by BruteForceIndex.
 */
export function scanHashes(hashes: Uint32Array, count: number, q: Uint32Array, radius: number, base: number, dead: Uint8Array, sink: MatchSink): void {
  for (let i = 0, o = 0; i < count; i++, o += WORDS_PER_HASH) {
    const d = distanceWithin(q, hashes, o, radius);
    if (d >= 0 && ((dead[(base + i) >>> 3]! >>> ((base + i) & 7)) & 1) === 0) sink.push(base + i, d);
  }
}
