import { randomUUID } from 'node:crypto';
import { listMigrations, PgliteDb } from '@hotline/platform';

/** Migration 0008 on a database that already holds the old one-row-per-content queue. */
describe('item 9: migration 0008 keeps the existing queue', () => {
  it('turns old review rows into one content item per SHA-256 with every content a source, and past dead ends into url items', async () => {
    const db = await PgliteDb.open();
    try {
      const all = listMigrations();
      for (const m of all.filter((x) => x.version < 8)) await db.exec(m.sql);
      const report = randomUUID();
      const [a, b, c, gone, page, bad] = [randomUUID(), randomUUID(), randomUUID(), randomUUID(), randomUUID(), randomUUID()];
      await db.query(`INSERT INTO reports (id, source) VALUES ($1, 'web')`, [report]);
      await db.query(
        `INSERT INTO report_urls (id, report_id, position, url, state, reason) VALUES
           ($1, $4, 0, 'https://x.example/gone.png', 'failed', 'HTTP 404'), ($2, $4, 1, 'https://x.example/page', 'page', 'page links 0 image(s); 0 fetched'),
           ($3, $4, 2, 'https://x.example/ok.png', 'fetched', NULL)`,
        [gone, page, randomUUID(), report],
      );
      const content = (id: string, sha: string, state = 'hashed') =>
        db.query(
          `INSERT INTO contents (id, report_id, origin, blob_key, mime, byte_size, state, sha256, reason) VALUES ($1, $2, 'upload', 'k', 'image/png', 1, $3, $4, $5)`,
          [id, report, state, sha, state === 'failed' ? 'BMP images are not supported' : null],
        );
      await content(a, 'a'.repeat(64));
      await content(b, 'a'.repeat(64));
      await content(c, 'c'.repeat(64));
      await content(bad, null as unknown as string, 'failed');
      for (const [id, known] of [
        [a, true],
        [b, false],
        [c, false],
      ] as const)
        await db.query(`INSERT INTO review_items (content_id, report_id, known_material) VALUES ($1, $2, $3)`, [id, report, known]);
      // Bytes a and a' matched a category-C hash and a category-B one: rank 1 (B), as a new match would be.
      await db.query(`INSERT INTO hash_lists (name, hash_type) VALUES ('l', 'sha256')`);
      const hash = await db.query<{ id: string }>(
        `INSERT INTO known_hashes (list_id, hash, category) SELECT id, decode(repeat('ab', 32), 'hex'), 'C' FROM hash_lists UNION ALL SELECT id, decode(repeat('cd', 32), 'hex'), 'B' FROM hash_lists RETURNING id::text`,
      );
      for (const [content, h, category] of [
        [a, hash.rows[0]!.id, 'C'],
        [b, hash.rows[1]!.id, 'B2'],
      ] as const)
        await db.query(
          `INSERT INTO matches (content_id, known_hash_id, list_name, list_source, hash_type, distance, category) VALUES ($1, $2, 'l', 'own', 'sha256', 0, $3)`,
          [content, h, category],
        );

      for (const m of all.filter((x) => x.version >= 8)) await db.exec(m.sql);

      const items = await db.query<{ kind: string; sha256: string | null; url: string | null; reason: string | null; sources: number }>(
        `SELECT i.kind, i.sha256, i.url, i.reason, (SELECT count(*)::int FROM review_sources s WHERE s.item_id = i.id) AS sources
           FROM review_items i ORDER BY i.kind, i.sha256, i.url`,
      );
      expect(items.rows).toEqual([
        { kind: 'content', sha256: 'a'.repeat(64), url: null, reason: null, sources: 2 },
        { kind: 'content', sha256: 'c'.repeat(64), url: null, reason: null, sources: 1 },
        { kind: 'url', sha256: null, url: 'https://x.example/gone.png', reason: 'HTTP 404', sources: 1 },
        { kind: 'url', sha256: null, url: 'https://x.example/page', reason: 'page links 0 image(s); 0 fetched', sources: 1 },
        { kind: 'url', sha256: null, url: null, reason: 'BMP images are not supported', sources: 1 },
      ]);
      const ranks = await db.query<{ sha256: string; priority_rank: number }>(
        `SELECT sha256, priority_rank FROM review_items WHERE kind = 'content' ORDER BY sha256`,
      );
      expect(ranks.rows).toEqual([
        { sha256: 'a'.repeat(64), priority_rank: 1 },
        { sha256: 'c'.repeat(64), priority_rank: 9 },
      ]);
    } finally {
      await db.close();
    }
  });
});
