import type { Queryable } from '@hotline/platform';
import type { CaseCheck, CheckOutcome } from './case-types';
import { iso, type Ts } from './rows';

// The SQL of `takedown_checks`.

/** Records check number N of a case once; false when that check was already recorded (a re-run job). */
export async function insertCheck(
  tx: Queryable,
  c: { caseId: string; checkNumber: number; outcome: CheckOutcome; httpStatus: number | null; detail: string | null; at: Date },
): Promise<boolean> {
  const r = await tx.query<{ id: string }>(
    `INSERT INTO takedown_checks (case_id, check_number, at, outcome, http_status, detail) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (case_id, check_number) DO NOTHING RETURNING id`,
    [c.caseId, c.checkNumber, c.at, c.outcome, c.httpStatus, c.detail],
  );
  return r.rows.length > 0;
}

export async function caseChecks(db: Queryable, caseId: string): Promise<CaseCheck[]> {
  const r = await db.query<{ check_number: number; at: Ts; outcome: CheckOutcome; http_status: number | null; detail: string | null }>(
    'SELECT check_number, at, outcome, http_status, detail FROM takedown_checks WHERE case_id = $1 ORDER BY check_number',
    [caseId],
  );
  return r.rows.map((x) => ({ checkNumber: x.check_number, at: iso(x.at), outcome: x.outcome, httpStatus: x.http_status, detail: x.detail }));
}
