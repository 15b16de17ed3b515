import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cliOn as cli } from './run-cli-on';
import { createPgTestDb, type TestDb } from '../../test/support/test-db';

describe('hotline CLI: hash lists', () => {
  let t: TestDb;
  let dir: string;
  beforeEach(async () => {
    t = await createPgTestDb('cli');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotline-cli-'));
  });
  afterEach(async () => {
    await t.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const file = (name: string, text: string) => {
    fs.writeFileSync(path.join(dir, name), text);
    return path.join(dir, name);
  };

  it('imports a list with progress, lists it, disables a hash, and says what went wrong in plain words', async () => {
    const good = file('iwf.tsv', `hash\tcategory\n${'ab'.repeat(32)}\tA1\n${'cd'.repeat(32)}\tB1\n`);
    const imported = await cli(t, 'import-hashes', '--list', 'iwf', '--source', 'IWF', '--type', 'pdq', good);
    expect(imported.code).toBe(0);
    expect(imported.out[0]).toMatch(/^list iwf: 2 new of 2 hashes in the file \(\d+\.\d s\)$/);
    expect(imported.err).toEqual(['read all 2 rows; adding the new ones to the list']);

    expect((await cli(t, 'disable-hash', '--list', 'iwf', 'AB'.repeat(32))).code).toBe(0);
    expect((await cli(t, 'lists')).out).toEqual(['iwf\tIWF\tpdq\tenabled\t2 hashes (1 disabled)']);

    const bad = await cli(t, 'import-hashes', '--list', 'iwf', '--type', 'pdq', file('bad.tsv', `${'ef'.repeat(32)}\n${'0'.repeat(63)}\n`));
    expect(bad).toMatchObject({
      code: 2,
      err: [expect.stringMatching(/^error: The hash file has 1 malformed line\(s\), nothing was imported: line 2: expected a pdq hash/)],
    });
    expect((await cli(t, 'disable-hash', '--list', 'iwf', 'xyz')).err).toEqual(['error: "xyz" is not a hash in hex digits.']);
    expect(await cli(t, 'disable-hash', '--list', 'iwf', 'ef'.repeat(32))).toMatchObject({ code: 2, err: [expect.stringMatching(/List iwf has no hash/)] });
    expect(await cli(t, 'import-hashes', '--list', 'iwf', '--type', 'sha3', good)).toMatchObject({
      code: 2,
      err: [expect.stringMatching(/--type must be one of/)],
    });
    expect((await cli(t, 'lists')).out).toEqual(['iwf\tIWF\tpdq\tenabled\t2 hashes (1 disabled)']);
  });

  it('imports a video list, lists it beside the hash lists, and switches it off and on with --video', async () => {
    const frame = (videoId: string, timestampMs: number, hex: string) => JSON.stringify({ videoId, timestampMs, pdq: hex.repeat(32), quality: 90 });
    const jsonl = file('videos.jsonl', [frame('v1', 0, 'ab'), frame('v1', 1000, 'cd'), frame('v2', 0, 'ef')].join('\n'));
    expect((await cli(t, 'import-video-list', '--list', 'known-videos', '--source', 'own', jsonl)).out).toEqual([
      'video list known-videos: 3 new of 3 frames (2 videos)',
    ]);
    expect((await cli(t, 'lists')).out).toEqual(['known-videos\town\tvideo\tenabled\t2 videos (3 frames)']);
    expect((await cli(t, 'disable-list', '--list', 'known-videos', '--video')).out).toEqual([
      'video list known-videos disabled; running matchers follow within seconds',
    ]);
    expect((await cli(t, 'lists')).out).toEqual(['known-videos\town\tvideo\tDISABLED\t2 videos (3 frames)']);
    expect((await t.db.query<{ enabled: boolean }>('SELECT enabled FROM video_lists')).rows).toEqual([{ enabled: false }]);
    expect((await cli(t, 'enable-list', '--list', 'known-videos', '--video')).code).toBe(0);
    expect((await cli(t, 'lists')).out).toEqual(['known-videos\town\tvideo\tenabled\t2 videos (3 frames)']);
    // Without --video the name is a hash list's, and there is none.
    expect(await cli(t, 'disable-list', '--list', 'known-videos')).toMatchObject({ code: 2, err: ['error: There is no list known-videos.'] });
    expect(await cli(t, 'disable-list', '--list', 'nosuch', '--video')).toMatchObject({ code: 2, err: ['error: There is no video list nosuch.'] });
  });
});
