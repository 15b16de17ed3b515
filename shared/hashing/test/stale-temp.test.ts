import { mkdir, mkdtemp, readdir, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { removeStaleVideoTemp } from '../src';

describe('video temp directories left by a killed run', () => {
  it('removes old hotline-video-/hotline-frame- directories and leaves recent ones and anything else', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'stale-temp-test-'));
    const now = Date.now();
    const make = async (name: string, ageMs: number) => {
      await mkdir(join(dir, name));
      await writeFile(join(dir, name, 'input'), 'decrypted bytes stand-in');
      const t = new Date(now - ageMs);
      await utimes(join(dir, name), t, t);
    };
    await make('hotline-video-old', 2 * 3_600_000);
    await make('hotline-frame-old', 2 * 3_600_000);
    await make('hotline-video-running', 10_000);
    await make('someone-else-old', 2 * 3_600_000);
    expect(await removeStaleVideoTemp(3_600_000, now, dir)).toBe(2);
    expect((await readdir(dir)).sort()).toEqual(['hotline-video-running', 'someone-else-old']);
  });
});
