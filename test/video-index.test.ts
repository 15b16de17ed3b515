import { randomBytes } from 'node:crypto';
import { createContext, type Db } from '@hotline/platform';
import { matchVideoFrames, PDQ_WEAK_QUALITY } from '@hotline/hashing';
import { importVideoList, parseVideoListJsonl, type VideoListRow } from '@hotline/hash-lists';
import { KnownVideoIndex, Matcher, type KnownVideoHit, type VideoQueryFrame } from '@hotline/matcher';
import { createPgliteTestDb, createPgTestDb, type TestDb } from './support/test-db';
import { inProcessTestBus, LogCapture, testSettings } from './support/pipeline';

const random = () => randomBytes(32).toString('hex');
/** The hash with its lowest `bits` bits flipped: exactly that far from it. */
const flip = (hex: string, bits: number) => (BigInt('0x' + hex) ^ ((1n << BigInt(bits)) - 1n)).toString(16).padStart(64, '0');

/** A synthetic known video: `n` random frames, one a second; every fourth weak, every fifth without a quality. */
function video(videoId: string, n: number, category: string | null = 'A'): VideoListRow[] {
  return Array.from({ length: n }, (_, i) => ({
    videoId,
    timestampMs: i * 1000,
    pdq: random(),
    quality: i % 5 === 4 ? null : i % 4 === 3 ? 20 : 90,
    category,
  }));
}

/** A reported copy: the frames a few bits off, each with a good quality. */
const copyOf = (rows: VideoListRow[], bits = 6): VideoQueryFrame[] =>
  rows.map((r) => ({ timestampMs: r.timestampMs + 500, pdq: flip(r.pdq, bits), quality: 95 }));

/** Imported the way the CLI's import-video-list does: JSON lines, parsed, then imported. */
async function importJsonl(db: Db, name: string, source: string, rows: VideoListRow[]) {
  return importVideoList(db, { name, source }, parseVideoListJsonl(rows.map((r) => JSON.stringify(r)).join('\n')));
}

/** What the matcher computed per query before the index: every enabled video's frames from the database, brute force. */
async function bruteForce(db: Db, query: VideoQueryFrame[], minQuality: number): Promise<KnownVideoHit[]> {
  const r = await db.query<{ list_id: number; name: string; source: string; video_id: string; category: string | null; frames: VideoListRow[] }>(
    `SELECT l.id AS list_id, l.name, l.source, f.video_id, max(f.category) AS category,
            json_agg(json_build_object('timestampMs', f.timestamp_ms, 'pdq', f.pdq, 'quality', f.quality)) AS frames
       FROM known_video_frames f JOIN video_lists l ON l.id = f.list_id WHERE l.enabled GROUP BY l.id, l.name, l.source, f.video_id`,
  );
  return r.rows
    .map((x) => ({
      video: { listId: x.list_id, listName: x.name, listSource: x.source, videoId: x.video_id, category: x.category },
      share: matchVideoFrames(query, typeof x.frames === 'string' ? JSON.parse(x.frames) : x.frames, { maxDistance: 31, minQuality }),
    }))
    .filter((h) => h.share.knownMatched > 0)
    .sort(byVideo);
}

const byVideo = (a: KnownVideoHit, b: KnownVideoHit) => a.video.listId - b.video.listId || a.video.videoId.localeCompare(b.video.videoId);
const matched = (index: KnownVideoIndex, query: VideoQueryFrame[]) => index.match(query, { maxDistance: 31, minQuality: index.minQuality }).sort(byVideo);
const names = (hits: KnownVideoHit[]) => hits.map((h) => `${h.video.listName}/${h.video.videoId}`);

describe.each([
  ['PostgreSQL', () => createPgTestDb('video-index')],
  ['PGlite', createPgliteTestDb],
])('the known-video index on %s', (_, open) => {
  let t: TestDb;
  const a1 = video('v-1', 12);
  const a2 = video('v-2', 8, null);
  // Same video id in another list, categories differing by frame: the match names the greatest, as before.
  const b1 = [...video('v-1', 5, 'A').slice(0, 3), ...video('v-1', 5, 'B').slice(3)];

  beforeEach(async () => {
    t = await open();
    await importJsonl(t.db, 'list-a', 'IWF', [...a1, ...a2]);
    await importJsonl(t.db, 'list-b', 'own', b1);
  });
  afterEach(async () => t.drop());

  it('loads every frame of the enabled lists but the weak ones, and matches as brute force over the rows did', async () => {
    for (const minQuality of [PDQ_WEAK_QUALITY, 0]) {
      const index = new KnownVideoIndex(minQuality);
      await index.load(t.db);
      const weak = [...a1, ...a2, ...b1].filter((r) => r.quality === 20).length;
      expect({ frames: index.frames, videos: index.videos }).toEqual({ frames: 25 - (minQuality ? weak : 0), videos: 3 });
      // A copy of list-a's v-1, a copy of half of list-b's, frames of both and an unrelated video.
      for (const query of [copyOf(a1), copyOf(b1.slice(0, 2)), [...copyOf(a2, 2), ...copyOf(b1, 30)], copyOf(video('x', 6))]) {
        expect(matched(index, query)).toEqual(await bruteForce(t.db, query, minQuality));
      }
      const [b] = matched(index, copyOf(b1));
      expect(b!.video).toEqual({ listId: 2, listName: 'list-b', listSource: 'own', videoId: 'v-1', category: 'B' });
      expect(b!.share).toMatchObject({ queryMatched: minQuality ? 4 : 5, knownMatched: minQuality ? 4 : 5, knownFrames: minQuality ? 4 : 5 });
    }
  });

  it('follows imports and lists switched off and on, and rebuilds only when the lists changed', async () => {
    const index = new KnownVideoIndex(PDQ_WEAK_QUALITY);
    await index.load(t.db);
    expect(await index.refresh(t.db)).toBe(false);
    expect(await importJsonl(t.db, 'list-a', 'IWF', a1)).toMatchObject({ added: 0 }); // the same frames again: nothing changes
    expect(await index.refresh(t.db)).toBe(false);

    // More frames of v-2 and a new video: the index follows after a refresh, not before.
    const more = video('v-2', 8, null).map((r) => ({ ...r, timestampMs: r.timestampMs + 8000 }));
    const a3 = video('v-3', 4, 'C');
    await importJsonl(t.db, 'list-a', 'IWF', [...more, ...a3]);
    const query = [...copyOf(a2), ...copyOf(more), ...copyOf(a3)];
    expect(names(matched(index, query))).toEqual(['list-a/v-2']);
    expect(matched(index, query)[0]!.share.knownFrames).toBe(6);
    expect(await index.refresh(t.db)).toBe(true);
    expect(names(matched(index, query))).toEqual(['list-a/v-2', 'list-a/v-3']);
    expect(matched(index, query)).toEqual(await bruteForce(t.db, query, PDQ_WEAK_QUALITY));
    expect(matched(index, query)[0]!.share.knownFrames).toBe(12);

    // A list switched off is left out at the next refresh; switched on, it is back.
    const both = [...copyOf(a1), ...copyOf(b1)];
    await t.db.query(`UPDATE video_lists SET enabled = false WHERE name = 'list-b'`);
    expect(names(matched(index, both))).toEqual(['list-a/v-1', 'list-b/v-1']);
    expect(await index.refresh(t.db)).toBe(true);
    expect(names(matched(index, both))).toEqual(['list-a/v-1']);
    expect(index.videos).toBe(3);
    await t.db.query(`UPDATE video_lists SET enabled = true WHERE name = 'list-b'`);
    expect(await index.refresh(t.db)).toBe(true);
    expect(names(matched(index, both))).toEqual(['list-a/v-1', 'list-b/v-1']);
    expect(await index.refresh(t.db)).toBe(false);
  });

  it('notices frames written or deleted by hand, not only through importVideoList (triggers move the revision)', async () => {
    const index = new KnownVideoIndex(PDQ_WEAK_QUALITY);
    await index.load(t.db);
    const extra = video('v-9', 3, 'D').map((r) => ({ ...r, quality: 90 }));
    for (const r of extra) {
      await t.db.query(
        `INSERT INTO known_video_frames (list_id, video_id, timestamp_ms, pdq, quality, category)
         SELECT id, $2, $3, $4, $5, $6 FROM video_lists WHERE name = $1`,
        ['list-b', r.videoId, r.timestampMs, r.pdq, r.quality, r.category],
      );
    }
    expect(await index.refresh(t.db)).toBe(true);
    expect(names(matched(index, copyOf(extra)))).toEqual(['list-b/v-9']);
    await t.db.query(`DELETE FROM known_video_frames WHERE video_id = 'v-9'`);
    expect(await index.refresh(t.db)).toBe(true);
    expect(names(matched(index, copyOf(extra)))).toEqual([]);
    // A statement that changes nothing moves nothing.
    await t.db.query(`DELETE FROM known_video_frames WHERE video_id = 'no-such-video'`);
    expect(await index.refresh(t.db)).toBe(false);
  });

  it('is loaded by the matcher at start and rebuilt on its refresh; a failed rebuild is logged, keeps the old index and is retried', async () => {
    const logs = new LogCapture();
    const settings = testSettings({ MATCH_REFRESH_MS: '3600000' }); // refreshes run when the test calls them
    const ctx = await createContext(settings, { db: t.db, bus: inProcessTestBus(logs.logger), logger: logs.logger });
    const matcher = new Matcher(ctx);
    await matcher.start();
    try {
      expect(logs.lines.map((l) => JSON.parse(l) as { msg: string; frames?: number; videos?: number })).toContainEqual(
        expect.objectContaining({ msg: 'known-video index loaded', frames: matcher.videoIndex.frames, videos: 3 }),
      );
      const a4 = video('v-4', 4);
      await importJsonl(t.db, 'list-a', 'IWF', a4);
      await t.db.exec('ALTER TABLE known_video_frames RENAME TO known_video_frames_away');
      await matcher.refresh();
      expect(logs.lines.some((l) => l.includes('rebuilding the known-video index failed; will retry'))).toBe(true);
      expect(names(matched(matcher.videoIndex, [...copyOf(a1), ...copyOf(a4)]))).toEqual(['list-a/v-1']);

      await t.db.exec('ALTER TABLE known_video_frames_away RENAME TO known_video_frames');
      await matcher.refresh();
      expect(logs.lines.some((l) => l.includes('known-video index rebuilt'))).toBe(true);
      expect(names(matched(matcher.videoIndex, [...copyOf(a1), ...copyOf(a4)]))).toEqual(['list-a/v-1', 'list-a/v-4']);
    } finally {
      matcher.stop();
    }
  });
});
