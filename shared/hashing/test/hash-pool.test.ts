import type { Worker } from 'node:worker_threads';
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
    const pool = createHashPool({ workers: 1, jobsPerWorker: 1, maxQueued: 4, onWorker: (w) => workers.push(w) });
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

  it('gives a worker two images at once; a worker that dies fails both retriably and a new one takes the third', async () => {
    const workers: Worker[] = [];
    const pool = createHashPool({ workers: 1, maxQueued: 4, onWorker: (w) => workers.push(w) });
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
    const pool = createHashPool({ workers: 2, maxQueued: 8, onWorker: (w) => workers.push(w) });
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

  it('refuses work beyond its queue bound with a retriable error', async () => {
    const pool = createHashPool({ workers: 1, maxQueued: 1 });
    try {
      const img = await syntheticPng(200, 200, 9);
      const running = [pool.hash(img, opts), pool.hash(img, opts)]; // the worker's two
      const waiting = pool.hash(img, opts);
      await expect(pool.hash(img, opts)).rejects.toMatchObject({ name: 'HashPoolError', retriable: true });
      await Promise.all([...running, waiting]);
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
