-- Append-only, hash-chained audit log (shared/platform/src/audit). seq is assigned by recordAudit
-- under a table lock as the previous seq + 1, not by a sequence: a sequence value survives a
-- rollback, and the gap it leaves would be indistinguishable from a deleted row.
CREATE TABLE audit_log (
  seq bigint PRIMARY KEY CHECK (seq > 0),
  at timestamptz NOT NULL,
  actor text NOT NULL,
  action text NOT NULL,
  subject text NOT NULL,
  details jsonb NOT NULL,
  prev_hash bytea,
  hash bytea NOT NULL CHECK (octet_length(hash) = 32)
);
