import { isMainThread, parentPort } from 'node:worker_threads';
import sharp from 'sharp';
import { DecodeError } from '@hotline/platform';
import { hashImage, type HashOptions } from './image-hashes';

/** One image to hash; `bytes` arrives as a copy (structured clone), so the caller's buffer stays usable. */
export interface HashJob {
  id: number;
  bytes: Uint8Array;
  opts: HashOptions;
}

export type HashReply = { id: number; ok: true; result: Awaited<ReturnType<typeof hashImage>> } | { id: number; ok: false; decode: boolean; message: string };

if (!isMainThread && parentPort) {
  const port = parentPort;
  // The pool runs about one worker per core, each with one image (or a few) at a time: libvips' own threads would only compete.
  sharp.concurrency(1);
  port.on('message', (job: HashJob) => {
    const bytes = Buffer.from(job.bytes.buffer, job.bytes.byteOffset, job.bytes.byteLength);
    hashImage(bytes, job.opts).then(
      (result) => port.postMessage({ id: job.id, ok: true, result } satisfies HashReply),
      (err: unknown) =>
        port.postMessage({
          id: job.id,
          ok: false,
          decode: err instanceof DecodeError,
          message: err instanceof Error ? err.message : String(err),
        } satisfies HashReply),
    );
  });
}
