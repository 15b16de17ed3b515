import path from 'node:path';
import { Worker } from 'node:worker_threads';
// Loaded on the main thread on purpose: libvips must not be unloaded when the last worker using it exits.
import 'sharp';
import { DecodeError, HotlineError } from '@hotline/platform';
import { hashImage, type HashedImage, type HashOptions } from './image-hashes';
import type { HashJob, HashReply } from './hash-worker';

/** Something that hashes an image: the worker pool, or the calling thread itself (`inlineHasher`). */
export interface ImageHasher {
  hash(bytes: Buffer, opts: HashOptions): Promise<HashedImage>;
  close(): Promise<void>;
}

/** Hashes on the calling thread: the CLI, tests, and a process that wants no threads. */
export const inlineHasher: ImageHasher = { hash: hashImage, close: async () => {} };

/** The pool could not take or finish a job for reasons of its own (full queue, crashed worker, closed): retry later. */
export class HashPoolError extends HotlineError {
  constructor(message: string) {
    super('hash_pool_unavailable', message, { status: 503, retriable: true });
  }
}

export interface HashPoolOptions {
  /** Worker threads. */
  workers: number;
  /**
   * Images a worker has at once (default 1). With 2, its thread hashes one while libvips decodes the next on a libuv
   * thread: one worker then keeps more than one core busy (bench: hashing). Each image in decoding holds one of the
   * process's libuv threads (UV_THREADPOOL_SIZE, 4 by default), which DNS lookups and argon2 share.
   */
  jobsPerWorker?: number;
  /** Jobs waiting for a worker beyond this many are refused with a retriable HashPoolError. */
  maxQueued: number;
  /**
   * A job still running this long after its decode time limit (sharp's own limit normally stops it first) is
   * abandoned: its worker is terminated and replaced, and the job fails with a DecodeError naming the limit.
   */
  graceMs?: number;
  /** Called with every worker started, replacements included (tests watch them; metrics could). */
  onWorker?: (worker: Worker) => void;
}

const DEFAULT_DECODE_TIMEOUT_SECONDS = 20;
const WORKER_SCRIPT = path.join(__dirname, 'hash-worker.js');

interface Pending {
  id: number;
  bytes: Buffer;
  opts: HashOptions;
  resolve: (r: HashedImage) => void;
  reject: (e: Error) => void;
}

interface Running {
  job: Pending;
  timer: NodeJS.Timeout;
}

interface Slot {
  worker: Worker;
  running: Map<number, Running>;
  /** The jobs whose time limit made the pool end the worker: each fails as too slow, its siblings retriably. */
  timedOut: Set<number>;
}

/**
 * Decode + hash on worker threads so that every core hashes at once (the hashes are CPU-bound JavaScript and
 * libvips work; one event loop would use one core for the former). Results are those of `hashImage` on the
 * calling thread. A worker that dies takes only its own jobs with it (retriable) and is replaced.
 */
export function createHashPool(options: HashPoolOptions): ImageHasher & { size: number } {
  const { workers, maxQueued, graceMs = 5000, onWorker, jobsPerWorker = 1 } = options;
  if (!Number.isInteger(workers) || workers < 1) throw new RangeError(`hash pool needs at least one worker, not ${workers}`);
  if (!Number.isInteger(jobsPerWorker) || jobsPerWorker < 1) throw new RangeError(`a worker takes at least one job, not ${jobsPerWorker}`);
  const slots: Slot[] = [];
  const queue: Pending[] = [];
  let nextId = 1;
  let closed = false;

  const spawn = (): Slot => {
    const slot: Slot = { worker: new Worker(WORKER_SCRIPT), running: new Map(), timedOut: new Set() };
    slot.worker.on('message', (reply: HashReply) => finish(slot, reply));
    // An uncaught exception in the worker ends it; 'exit' follows and does the bookkeeping.
    slot.worker.on('error', () => {});
    slot.worker.on('exit', (code) => onExit(slot, code));
    slot.worker.unref();
    onWorker?.(slot.worker);
    return slot;
  };

  const settle = (slot: Slot, id: number): Pending | undefined => {
    const run = slot.running.get(id);
    if (!run) return undefined;
    clearTimeout(run.timer);
    slot.running.delete(id);
    // An idle pool does not keep the process alive; a job in flight does.
    if (slot.running.size === 0) slot.worker.unref();
    return run.job;
  };

  const finish = (slot: Slot, reply: HashReply) => {
    const job = settle(slot, reply.id);
    if (!job) return;
    if (reply.ok) job.resolve(reply.result);
    else if (reply.decode) job.reject(new DecodeError(reply.message));
    else job.reject(new Error(`hashing failed: ${reply.message}`));
    dispatch();
  };

  const onExit = (slot: Slot, code: number) => {
    for (const id of [...slot.running.keys()]) {
      const job = settle(slot, id)!;
      const seconds = job.opts.decodeTimeoutSeconds ?? DEFAULT_DECODE_TIMEOUT_SECONDS;
      job.reject(
        slot.timedOut.has(id)
          ? new DecodeError(`decoding took longer than ${seconds} s (hashing worker stopped)`)
          : new HashPoolError(`hashing worker exited (code ${code}) during the job`),
      );
    }
    const i = slots.indexOf(slot);
    if (i < 0) return;
    if (closed) {
      slots.splice(i, 1);
      return;
    }
    slots[i] = spawn();
    dispatch();
  };

  const dispatch = () => {
    // Fill the least busy worker first, so that two images go to two workers before a second to one.
    for (;;) {
      if (closed || queue.length === 0) return;
      const slot = slots.filter((s) => s.timedOut.size === 0 && s.running.size < jobsPerWorker).sort((a, b) => a.running.size - b.running.size)[0];
      if (!slot) return;
      const job = queue.shift()!;
      slot.worker.ref();
      const seconds = job.opts.decodeTimeoutSeconds ?? DEFAULT_DECODE_TIMEOUT_SECONDS;
      const timer = setTimeout(
        () => {
          slot.timedOut.add(job.id);
          if (slot.timedOut.size === 1) void slot.worker.terminate();
        },
        seconds * 1000 + graceMs,
      );
      timer.unref();
      slot.running.set(job.id, { job, timer });
      slot.worker.postMessage({ id: job.id, bytes: job.bytes, opts: job.opts } satisfies HashJob);
    }
  };
  // Workers start with the first image, not with the pool: a process (or a test) that never hashes an image never
  // pays for loading TypeScript and libvips in a thread.
  const start = () => {
    while (slots.length < workers) slots.push(spawn());
  };

  return {
    size: workers,
    hash(bytes, opts) {
      if (closed) return Promise.reject(new HashPoolError('hash pool is closed'));
      start();
      if (queue.length >= maxQueued) return Promise.reject(new HashPoolError(`hash pool queue is full (${maxQueued} waiting)`));
      return new Promise<HashedImage>((resolve, reject) => {
        queue.push({ id: nextId++, bytes, opts, resolve, reject });
        dispatch();
      });
    },
    async close() {
      if (closed) return;
      closed = true;
      for (const job of queue.splice(0)) job.reject(new HashPoolError('hash pool is closed'));
      await Promise.all(slots.map((s) => s.worker.terminate()));
    },
  };
}
