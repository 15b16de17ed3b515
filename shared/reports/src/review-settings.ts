import type { Queryable } from '@hotline/platform';

// The SQL of `review_settings` (one row) and `review_exposure`.

export interface ReviewSettings {
  fourEyes: boolean;
  leaseSeconds: number;
  breakEveryMinutes: number;
  dailyExposureLimit: number;
}

export async function readSettings(db: Queryable): Promise<ReviewSettings> {
  const r = await db.query<{ four_eyes: boolean; lease_seconds: number; break_every_minutes: number; daily_exposure_limit: number }>(
    'SELECT four_eyes, lease_seconds, break_every_minutes, daily_exposure_limit FROM review_settings',
  );
  const x = r.rows[0]!;
  return { fourEyes: x.four_eyes, leaseSeconds: x.lease_seconds, breakEveryMinutes: x.break_every_minutes, dailyExposureLimit: x.daily_exposure_limit };
}

export async function writeSettings(tx: Queryable, s: ReviewSettings): Promise<void> {
  await tx.query('UPDATE review_settings SET four_eyes = $1, lease_seconds = $2, break_every_minutes = $3, daily_exposure_limit = $4, updated_at = now()', [
    s.fourEyes,
    s.leaseSeconds,
    s.breakEveryMinutes,
    s.dailyExposureLimit,
  ]);
}

/** A pause of this long between reveals starts a new stretch of viewing (the break is taken). */
export const BREAK_GAP_MINUTES = 10;

export interface Exposure {
  today: number;
  /** Since when the analyst has viewed without a pause of BREAK_GAP_MINUTES; null when not today. */
  streakStartedAt: string | null;
  lastRevealAt: string | null;
}

const day = (at: Date) => at.toISOString().slice(0, 10);

/** Counts one reveal (a full image viewed) for the analyst's UTC day. */
export async function countReveal(tx: Queryable, userId: string, at: Date): Promise<Exposure> {
  const r = await tx.query<ExposureRow>(
    `INSERT INTO review_exposure (user_id, day, reveals, streak_started_at, last_reveal_at) VALUES ($1, $2, 1, $3, $3)
     ON CONFLICT (user_id, day) DO UPDATE SET reveals = review_exposure.reveals + 1, last_reveal_at = $3,
       streak_started_at = CASE WHEN review_exposure.last_reveal_at < $3::timestamptz - make_interval(mins => $4) THEN $3 ELSE review_exposure.streak_started_at END
     RETURNING reveals, streak_started_at, last_reveal_at`,
    [userId, day(at), at, BREAK_GAP_MINUTES],
  );
  return toExposure(r.rows[0]);
}

export async function readExposure(db: Queryable, userId: string, at: Date): Promise<Exposure> {
  const r = await db.query<ExposureRow>('SELECT reveals, streak_started_at, last_reveal_at FROM review_exposure WHERE user_id = $1 AND day = $2', [
    userId,
    day(at),
  ]);
  return toExposure(r.rows[0]);
}

interface ExposureRow {
  reveals: number;
  streak_started_at: Date | string;
  last_reveal_at: Date | string;
}

function toExposure(r: ExposureRow | undefined): Exposure {
  if (!r) return { today: 0, streakStartedAt: null, lastRevealAt: null };
  return { today: r.reveals, streakStartedAt: new Date(r.streak_started_at).toISOString(), lastRevealAt: new Date(r.last_reveal_at).toISOString() };
}
