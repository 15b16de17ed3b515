import { readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The temp directories video hashing and frame cutting make (each holds one decrypted video while ffmpeg reads it). */
export const VIDEO_TEMP_PREFIXES = ['hotline-video-', 'hotline-frame-'] as const;

/**
 * Deletes video temp directories older than `olderThanMs`. Each is removed as soon as its ffmpeg run ends, but a
 * process killed mid-run (SIGKILL, the OOM killer, a `docker stop` time-out) leaves a decrypted video behind; the
 * hasher and the review run this at start-up so that such a copy does not outlive the next start. The age bound
 * keeps another process's run in progress safe. Returns how many were removed.
 */
export async function removeStaleVideoTemp(olderThanMs: number, now = Date.now(), dir = tmpdir()): Promise<number> {
  let removed = 0;
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    if (!VIDEO_TEMP_PREFIXES.some((p) => name.startsWith(p))) continue;
    const path = join(dir, name);
    const info = await stat(path).catch(() => null);
    if (!info?.isDirectory() || now - info.mtimeMs < olderThanMs) continue;
    await rm(path, { recursive: true, force: true });
    removed++;
  }
  return removed;
}
