import type { Worker } from 'node:worker_threads';
import sharp from 'sharp';
import { DecodeError } from '@hotline/platform';
import { createHashPool, hashImage, HashPoolError } from '../src';
import { syntheticJpeg, syntheticPng } from '../../../test/support/images';

const opts = { maxInputPixels: 50_000_000 };

const exited = (w: Worker) => new Promise<void>((resolve) => (w.threadId === -1 ? resolve() : w.once('exit', () => resolve())));

describe('hash pool (decode + hash on worker threads)', () => {
  it('starts its workers with the first image, not before', async () => {
    const started: Worker[] = [];
    const pool = createHashPool({ workers: 2, maxQueued: 4, onWorker: (w) => started.push(w) });
    try {
      await new Promise((r) => setTimeout(r, 50));
      expect(started).toHaveLength(0);
      await pool.hash(await syntheticPng(32, 32, 9), opts);
      expect(started).toHaveLength(2);
    } finally {
      await pool.close();
    }
  });

  it('gives in parallel exactly what hashImage gives on the calling thread', async () => {
    const pool = createHashPool({ workers: 2, maxQueued: 16 });
    try {
      const images = await Promise.all([
        syntheticJpeg(800, 600, 1),
        syntheticPng(333, 217, 2),
        syntheticJpeg(1601, 1199, 3),
        syntheticPng(64, 64, 4),
        syntheticJpeg(480, 640, 5),
        syntheticPng(17, 9, 6),
      ]);
      const parallel = await Promise.all(images.map((img) => pool.hash(img, opts)));
      const sequential = [];
      for (const img of images) sequential.push(await hashImage(img, opts));
      expect(parallel).toEqual(sequential);
    } finally {
      await pool.close();
    }
  });

  it('carries a DecodeError and its message across the thread boundary', async () => {
    const pool = createHashPool({ workers: 1, maxQueued: 4 });
    try {
      const err = await pool.hash(Buffer.from('<html>not an image</html>'), opts).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DecodeError);
      expect(err).toMatchObject({ code: 'decode_failed', retriable: false, message: expect.stringMatching(/not a recognised image format/) });
      const bomb = await pool.hash(await syntheticPng(300, 300, 1), { maxInputPixels: 10_000 }).catch((e: unknown) => e);
      expect(bomb).toBeInstanceOf(DecodeError);
      expect((bomb as Error).message).toMatch(/300×300 pixels exceeds the limit of 10000/);
    } finally {
      await pool.close();
    }
  });

  it('survives a worker that dies mid-job: that job fails retriably, a new worker takes the next', async () => {
    const workers: Worker[] = [];
    const pool = createHashPool({ workers: 1, maxQueued: 4, onWorker: (w) => workers.push(w) });
    try {
      const img = await syntheticJpeg(1600, 1200, 8);
      const doomed = pool.hash(img, opts);
      const queued = pool.hash(img, opts);
      await new Promise((r) => setTimeout(r, 20));
      await workers[0]!.terminate(); // as if it crashed
      const err = await doomed.catch((e: unknown) => e);
      expect(err).toBeInstanceOf(HashPoolError);
      expect(err).toMatchObject({ retriable: true });
      expect(await queued).toEqual(await hashImage(img, opts));
      expect(workers).toHaveLength(2);
    } finally {
      await pool.close();
    }
  });

  it('takes two images per worker when asked; a worker that dies fails both retriably and a new one takes the third', async () => {
    const workers: Worker[] = [];
    const pool = createHashPool({ workers: 1, jobsPerWorker: 2, maxQueued: 4, onWorker: (w) => workers.push(w) });
    try {
      const img = await syntheticJpeg(1600, 1200, 8);
      const first = pool.hash(img, opts);
      const second = pool.hash(img, opts);
      const third = pool.hash(img, opts);
      await new Promise((r) => setTimeout(r, 20));
      await workers[0]!.terminate(); // as if it crashed
      for (const err of await Promise.all([first, second].map((p) => p.catch((e: unknown) => e)))) {
        expect(err).toBeInstanceOf(HashPoolError);
        expect(err).toMatchObject({ retriable: true });
      }
      expect(await third).toEqual(await hashImage(img, opts));
      expect(workers).toHaveLength(2);
    } finally {
      await pool.close();
    }
  });

  it('spreads images over idle workers before giving one worker a second', async () => {
    const workers: Worker[] = [];
    const pool = createHashPool({ workers: 2, jobsPerWorker: 2, maxQueued: 8, onWorker: (w) => workers.push(w) });
    try {
      const img = await syntheticJpeg(800, 600, 9);
      await pool.hash(img, opts); // both workers are up
      const jobs = new Map<Worker, number>();
      for (const w of workers) w.on('message', () => jobs.set(w, (jobs.get(w) ?? 0) + 1));
      await Promise.all([pool.hash(img, opts), pool.hash(img, opts)]);
      expect([...jobs.values()]).toEqual([1, 1]);
    } finally {
      await pool.close();
    }
  });

  it('stops a worker whose jobs outlive their time limit: each overdue job fails as too slow, and a new worker takes the next', async () => {
    const workers: Worker[] = [];
    // A negative grace puts the pool's own limit (1 s − 0.9 s) before sharp's, which would otherwise stop the decode first.
    const pool = createHashPool({ workers: 1, jobsPerWorker: 2, maxQueued: 4, graceMs: -900, onWorker: (w) => workers.push(w) });
    try {
      // Slow to decode and hash at full resolution (9 M pixels with alpha), small to send: a flat picture packs to a
      // few kilobytes, so both jobs reach the worker, and their timers start, at once.
      const slow = await sharp({ create: { width: 3000, height: 3000, channels: 4, background: { r: 90, g: 120, b: 150, alpha: 0.5 } } })
        .png()
        .toBuffer();
      const slowOpts = { ...opts, decodeTimeoutSeconds: 1, decodeSide: 0 };
      const overdue = await Promise.all([pool.hash(slow, slowOpts), pool.hash(slow, slowOpts)].map((p) => p.catch((e: unknown) => e)));
      for (const err of overdue) {
        expect(err).toBeInstanceOf(DecodeError);
        expect((err as Error).message).toBe('decoding took longer than 1 s (hashing worker stopped)');
      }
      const small = await syntheticPng(64, 48, 12);
      expect(await pool.hash(small, opts)).toEqual(await hashImage(small, opts));
      expect(workers).toHaveLength(2);
    } finally {
      await pool.close();
    }
  }, 60_000);

  it('refuses work beyond its queue bound with a retriable error', async () => {
    const pool = createHashPool({ workers: 1, maxQueued: 1 });
    try {
      const img = await syntheticPng(200, 200, 9);
      const first = pool.hash(img, opts); // running
      const second = pool.hash(img, opts); // waiting
      await expect(pool.hash(img, opts)).rejects.toMatchObject({ name: 'HashPoolError', retriable: true });
      await Promise.all([first, second]);
    } finally {
      await pool.close();
    }
  });

  it('closes its workers on stop and refuses new work after', async () => {
    const workers: Worker[] = [];
    const pool = createHashPool({ workers: 2, maxQueued: 4, onWorker: (w) => workers.push(w) });
    await pool.hash(await syntheticPng(100, 100, 10), opts);
    await pool.close();
    await Promise.all(workers.map(exited));
    expect(workers.map((w) => w.threadId)).toEqual([-1, -1]);
    await expect(pool.hash(await syntheticPng(100, 100, 10), opts)).rejects.toThrow(HashPoolError);
  });
});
