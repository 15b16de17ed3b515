import type { Match, Queryable } from '@hotline/platform';

// The SQL of `match_runs` and `matches` (the sweeper's reads of them stay with the sweeper, in the platform).

/** Admits a content once: false when a run for it exists already (a redelivery). */
export async function insertMatchRun(tx: Queryable, contentId: string, matchCount: number): Promise<boolean> {
  const r = await tx.query('INSERT INTO match_runs (content_id, match_count) VALUES ($1, $2) ON CONFLICT (content_id) DO NOTHING', [contentId, matchCount]);
  return r.rowCount > 0;
}

/** One statement for all of a content's matches (thousands, for an image close to a cluster of near-duplicates). */
export async function insertMatches(tx: Queryable, contentId: string, matches: Match[]): Promise<void> {
  if (matches.length === 0) return;
  await tx.query(
    `INSERT INTO matches (content_id, known_hash_id, list_name, list_source, hash_type, distance, category, variant, frame_count, frame_timestamps_ms)
     SELECT $1, * FROM unnest($2::bigint[], $3::text[], $4::text[], $5::text[], $6::int[], $7::text[], $8::text[], $9::int[], $10::jsonb[])
     ON CONFLICT (content_id, known_hash_id) DO NOTHING`,
    [
      contentId,
      matches.map((m) => m.knownHashId),
      matches.map((m) => m.listName),
      matches.map((m) => m.listSource),
      matches.map((m) => m.hashType),
      matches.map((m) => m.distance),
      matches.map((m) => m.category),
      matches.map((m) => m.variant),
      matches.map((m) => m.frames?.count ?? null),
      matches.map((m) => (m.frames ? JSON.stringify(m.frames.timestampsMs) : null)),
    ],
  );
}
