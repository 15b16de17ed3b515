-- Issue 10, items 4 and 5: anonymous status for web reporters and the daily retention scan.
-- Who writes and reads each table: ARCHITECTURE.md.

-- A web report's one-time pick-up code, as a salted SHA-256 only (the code itself is shown once and
-- never stored). Deleted when the report is anonymised (retention) or with the report.
CREATE TABLE report_pickup_codes (
  report_id uuid PRIMARY KEY REFERENCES reports (id) ON DELETE CASCADE,
  salt      bytea NOT NULL,
  code_hash bytea NOT NULL
);

-- Set by retention when a closed report's URLs and description were dropped (figures stay).
ALTER TABLE reports ADD COLUMN anonymised_at timestamptz;
-- Set by retention when the content's sealed bytes were deleted; its hashes and figures stay.
ALTER TABLE contents ADD COLUMN bytes_deleted_at timestamptz;

-- Any service that still needs a content's bytes (takedown until its end, a police request) holds
-- them here; retention deletes no bytes while a hold is active (until NULL = until released).
CREATE TABLE retention_holds (
  content_id uuid NOT NULL REFERENCES contents (id) ON DELETE CASCADE,
  holder     text NOT NULL,
  until      timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (content_id, holder)
);

-- One row per real retention run: counts per rule only, never ids or URLs.
CREATE TABLE retention_runs (
  id          bigserial PRIMARY KEY,
  trigger     text NOT NULL CHECK (trigger IN ('schedule', 'cli')),
  started_at  timestamptz NOT NULL,
  finished_at timestamptz,
  counts      jsonb NOT NULL DEFAULT '{}'
);
