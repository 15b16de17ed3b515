import fc from 'fast-check';
import { matchVideoFrames, PDQ_WEAK_QUALITY } from '@hotline/hashing';
import { KnownVideoIndex, type VideoQueryFrame } from '../src/video-index';

/**
 * Frames are drawn around a few base hashes (bits flipped: 0–40, so both sides of the radii below)
 * or fresh at random (about 128 bits from everything). Qualities: none, weak (< 50) or good.
 */
const frame = fc.record({
  fresh: fc.integer({ min: 0, max: 4 }).map((x) => x === 0),
  base: fc.nat(),
  flips: fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 40 }),
  random: fc.uint8Array({ minLength: 32, maxLength: 32 }),
  quality: fc.oneof(fc.constant(null), fc.integer({ min: 0, max: PDQ_WEAK_QUALITY - 1 }), fc.integer({ min: PDQ_WEAK_QUALITY, max: 100 })),
  second: fc.integer({ min: 0, max: 20 }),
});
type FrameSpec = typeof frame extends fc.Arbitrary<infer T> ? T : never;

const scenario = fc.record({
  bases: fc.array(fc.uint8Array({ minLength: 32, maxLength: 32 }), { minLength: 1, maxLength: 6 }),
  videos: fc.array(fc.array(frame, { maxLength: 12 }), { maxLength: 15 }),
  queries: fc.array(fc.array(frame, { maxLength: 12 }), { minLength: 1, maxLength: 3 }),
});

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

function toFrame(spec: FrameSpec, bases: Uint8Array[]): VideoQueryFrame {
  if (spec.fresh) return { timestampMs: spec.second * 1000, pdq: hex(spec.random), quality: spec.quality };
  const bytes = Uint8Array.from(bases[spec.base % bases.length]!);
  for (const bit of spec.flips) bytes[bit >> 3]! ^= 1 << (bit & 7);
  return { timestampMs: spec.second * 1000, pdq: hex(bytes), quality: spec.quality };
}

describe('the known-video index', () => {
  it('gives every known video with a hit exactly what matchVideoFrames gives, and leaves the others out', () => {
    let hits = 0;
    let partial = 0; // hits where some but not all known frames matched: knownMatched is really counted
    fc.assert(
      fc.property(scenario, ({ bases, videos, queries }) => {
        const known = videos.map((frames, i) => ({
          listId: 1 + (i % 2),
          listName: `list-${1 + (i % 2)}`,
          listSource: 'test',
          videoId: `v-${i}`,
          category: i % 3 === 0 ? null : 'A',
          frames: frames.map((f) => toFrame(f, bases)),
        }));
        for (const minQuality of [PDQ_WEAK_QUALITY, 0]) {
          const index = KnownVideoIndex.of(minQuality, known);
          for (const spec of queries) {
            const query = spec.map((f) => toFrame(f, bases));
            for (const maxDistance of [8, 31]) {
              const opts = { maxDistance, minQuality };
              const expected = known
                .map(({ frames, ...video }) => ({ video, share: matchVideoFrames(query, frames, opts) }))
                .filter((h) => h.share.knownMatched > 0);
              expect(index.match(query, opts)).toEqual(expected);
              hits += expected.length;
              partial += expected.filter((h) => h.share.knownMatched < h.share.knownFrames).length;
            }
          }
        }
      }),
      { numRuns: 300 },
    );
    // The scenarios must reach the cases that matter, or the equality above proves little.
    expect(hits).toBeGreaterThan(500);
    expect(partial).toBeGreaterThan(100);
  });

  it('counts shares both ways, leaves weak frames out on both sides, and takes the nearest distance', () => {
    const a = 'a5'.repeat(32);
    const b = '3c'.repeat(32);
    const flip = (h: string, bits: number) => (BigInt('0x' + h) ^ ((1n << BigInt(bits)) - 1n)).toString(16).padStart(64, '0');
    const video = {
      listId: 7,
      listName: 'known',
      listSource: 'test',
      videoId: 'v',
      category: 'A',
      frames: [
        { timestampMs: 0, pdq: a, quality: 90 },
        { timestampMs: 1000, pdq: flip(a, 3), quality: null }, // no quality counts as 100
        { timestampMs: 2000, pdq: b, quality: 80 },
        { timestampMs: 3000, pdq: a, quality: 10 }, // weak: left out unless weak frames are matched
      ],
    };
    const query = [
      { timestampMs: 5000, pdq: flip(a, 5), quality: 100 },
      { timestampMs: 4000, pdq: flip(a, 1), quality: 100 },
      { timestampMs: 6000, pdq: b, quality: 20 },
      { timestampMs: 7000, pdq: 'ff'.repeat(32), quality: 100 },
    ];
    const [hit] = KnownVideoIndex.of(PDQ_WEAK_QUALITY, [video]).match(query, { maxDistance: 31, minQuality: PDQ_WEAK_QUALITY });
    expect(hit).toEqual({
      video: { listId: 7, listName: 'known', listSource: 'test', videoId: 'v', category: 'A' },
      share: {
        queryMatched: 2,
        queryFrames: 3,
        knownMatched: 2,
        knownFrames: 3,
        queryShare: 2 / 3,
        knownShare: 2 / 3,
        timestampsMs: [4000, 5000],
        bestDistance: 1,
      },
    });
    const [weakToo] = KnownVideoIndex.of(0, [video]).match(query, { maxDistance: 31, minQuality: 0 });
    expect(weakToo!.share).toMatchObject({
      queryMatched: 3,
      queryFrames: 4,
      knownMatched: 4,
      knownFrames: 4,
      timestampsMs: [4000, 5000, 6000],
      bestDistance: 0,
    });
  });

  it('refuses a query with another quality floor than the frames it holds', () => {
    expect(() => KnownVideoIndex.of(PDQ_WEAK_QUALITY, []).match([], { maxDistance: 31, minQuality: 0 })).toThrow(RangeError);
  });
});
