-- Durable timers (shared/platform/src/jobs): a job runs its name's handler at run_at, in whichever
-- process claims it first. A claim sets state 'running' with a lease (locked_by, locked_until); a
-- lease that ends before the job is settled (its worker died) makes the job claimable again.
-- run_at and locked_until follow the service clock (passed in, never SQL now()); created_at and
-- updated_at are the database's wall time, for people reading the table.
CREATE TABLE jobs (
  id           bigserial PRIMARY KEY,
  name         text NOT NULL,
  -- One occurrence of the name: scheduling a (name, key) that exists is a no-op. Recurring jobs
  -- use their period ('2026-11-30' for a daily job), so each period runs once across processes.
  key          text NOT NULL,
  payload      jsonb NOT NULL DEFAULT '{}'::jsonb,
  state        text NOT NULL DEFAULT 'scheduled' CHECK (state IN ('scheduled', 'running', 'done', 'failed')),
  run_at       timestamptz NOT NULL,
  -- Claims so far, the current one included; doubles as the fencing token of a claim.
  attempts     int NOT NULL DEFAULT 0,
  max_attempts int NOT NULL DEFAULT 5 CHECK (max_attempts > 0),
  last_error   text,
  locked_by    text,
  locked_until timestamptz,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  UNIQUE (name, key),
  CHECK ((state = 'running') = (locked_until IS NOT NULL))
);
-- What a runner looks for: scheduled jobs that are due, running jobs whose lease ended.
CREATE INDEX jobs_due ON jobs (run_at) WHERE state = 'scheduled';
CREATE INDEX jobs_leased ON jobs (locked_until) WHERE state = 'running';
