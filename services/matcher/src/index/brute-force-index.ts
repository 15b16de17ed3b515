import { assertHash, normaliseRadius } from './bits';
import { PackedHashes } from './packed-hashes';
import { type HammingMatch, MatchSink, scanHashes } from './sink';

/**
 * Reference index: a linear scan with early exit over packed hashes. Same API as HammingIndex;
 * used by the tests as the oracle and by the benchmark as the baseline.
 */
export class BruteForceIndex extends PackedHashes {
  /** Keeps a reference to `hashes` (8 words per hash, id = position) until the first add(). */
  static build(hashes: Uint32Array): BruteForceIndex {
    return new BruteForceIndex(hashes);
  }

  search(query: Uint32Array, radius: number): HammingMatch[] {
    assertHash(query, 'query');
    const sink = new MatchSink();
    scanHashes(this.hashes, this.count, query, normaliseRadius(radius), 0, this.dead.bits, sink);
    return sink.toMatches();
  }

  add(words: Uint32Array): number {
    assertHash(words, 'hash');
    return this.append(words);
  }
}
