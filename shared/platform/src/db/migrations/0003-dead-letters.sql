-- Events a consumer (or the outbox relay) gave up on, kept durably so `hotline dlq list|replay`
-- works the same on both buses. consumer_group is NULL when the bus refused the event at publish.
CREATE TABLE dead_letters (
  id             bigserial PRIMARY KEY,
  topic          text NOT NULL,
  consumer_group text,
  event_id       text,
  event_key      text,
  reason         text NOT NULL,
  -- The message as received: JSON when it parsed, else its text in raw_text.
  message        jsonb,
  raw_text       text,
  created_at     timestamptz NOT NULL DEFAULT now(),
  replayed_at    timestamptz,
  CHECK (message IS NOT NULL OR raw_text IS NOT NULL)
);
CREATE INDEX dead_letters_open ON dead_letters (topic, id) WHERE replayed_at IS NULL;

-- The 8 dihedral PDQ hashes, so the sweeper can re-send content.hashed for a content the matcher
-- never finished. NULL for contents hashed before this migration.
ALTER TABLE contents ADD COLUMN pdq_variants jsonb;

-- When the sweeper last re-sent an item's event: it re-sends at most once per SWEEP_STUCK_AFTER_MS.
ALTER TABLE report_urls ADD COLUMN resent_at timestamptz;
ALTER TABLE contents ADD COLUMN resent_at timestamptz;
ALTER TABLE match_runs ADD COLUMN resent_at timestamptz;
