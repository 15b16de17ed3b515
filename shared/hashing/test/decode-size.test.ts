import { reducedDecodeSize } from '../src';

describe('reduced decode size (issue 12)', () => {
  it('brings the short side to about the decode side, both sides multiples of 16', () => {
    expect(reducedDecodeSize({ width: 1600, height: 1200 }, 256, false)).toEqual({ width: 336, height: 256 });
    expect(reducedDecodeSize({ width: 1200, height: 1600 }, 256, false)).toEqual({ width: 256, height: 336 });
    expect(reducedDecodeSize({ width: 4032, height: 3024 }, 256, false)).toEqual({ width: 336, height: 256 });
    // A banner keeps its shape: only the short side is brought down.
    expect(reducedDecodeSize({ width: 4000, height: 300 }, 256, false)).toEqual({ width: 3408, height: 256 });
    expect(reducedDecodeSize({ width: 1000, height: 1000 }, 512, false)).toEqual({ width: 512, height: 512 });
  });

  it('decodes whole what is small already, has alpha, would not shrink, or when the side is 0', () => {
    expect(reducedDecodeSize({ width: 640, height: 256 }, 256, false)).toBeUndefined();
    expect(reducedDecodeSize({ width: 399, height: 224 }, 256, false)).toBeUndefined();
    expect(reducedDecodeSize({ width: 1600, height: 1200 }, 256, true)).toBeUndefined();
    expect(reducedDecodeSize({ width: 1600, height: 1200 }, 0, false)).toBeUndefined();
    expect(reducedDecodeSize({ width: 1000, height: 262 }, 256, false)).toEqual({ width: 976, height: 256 });
    // 272 × 256/258 = 269.9 rounds back up to 272: no smaller than the picture, so it is decoded whole.
    expect(reducedDecodeSize({ width: 272, height: 258 }, 256, false)).toBeUndefined();
  });
});
