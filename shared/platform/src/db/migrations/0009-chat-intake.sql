-- Chat-app intake (issue 10). Reports may come from a chat platform. The reporter's identity lives only in
-- reporter_identities, sealed with a per-record key wrapped by the vault key that only chat-intake holds; every
-- other table refers to it by its opaque id.
ALTER TABLE reports DROP CONSTRAINT IF EXISTS reports_source_check;
ALTER TABLE reports ADD CONSTRAINT reports_source_check CHECK (source IN ('web', 'chat', 'telegram', 'whatsapp', 'viber', 'signal'));

-- One row per identity: AES-256-GCM(record key, identity JSON) and AES-256-GCM(vault key, record key), both
-- bound to the id. Deleting the row destroys the record key with it.
CREATE TABLE reporter_identities (
  id          uuid PRIMARY KEY,
  wrapped_key bytea NOT NULL,
  sealed      bytea NOT NULL,
  created_at  timestamptz NOT NULL
);

-- Keyed blind index (HMAC-SHA256 with the index key of the normalised platform + identifier), so an admin can
-- find an identity's rows for a data-subject request. Goes with its identity.
CREATE TABLE identity_index (
  digest      bytea NOT NULL,
  identity_id uuid NOT NULL REFERENCES reporter_identities (id) ON DELETE CASCADE,
  PRIMARY KEY (digest, identity_id)
);
CREATE INDEX identity_index_identity ON identity_index (identity_id);

-- Proof of destruction, without the identity: which opaque id, why, when.
CREATE TABLE identity_deletions (
  identity_id uuid PRIMARY KEY,
  reason      text NOT NULL,
  deleted_at  timestamptz NOT NULL
);

-- Redeliveries: a keyed digest of platform + the platform's message id (a Telegram message id includes the chat).
CREATE TABLE chat_deliveries (
  digest      bytea PRIMARY KEY,
  platform    text NOT NULL,
  received_at timestamptz NOT NULL,
  -- The digest is keyed over the chat id (or phone) and the message id: whoever holds the index key could test a
  -- chat id against it, so it goes with the identity (feedback, give-up, deadline, data-subject deletion).
  identity_id uuid REFERENCES reporter_identities (id) ON DELETE CASCADE
);
CREATE INDEX chat_deliveries_identity ON chat_deliveries (identity_id);

-- Messages stored on receipt and not yet turned into a report (media downloads run in a durable job).
-- group_key gathers the messages of one Telegram media group; payload holds media references and URLs only.
CREATE TABLE chat_inbox (
  id          uuid PRIMARY KEY,
  platform    text NOT NULL,
  group_key   text NOT NULL,
  -- A message whose processing failed for good goes with its identity (at the deadline at the latest), with its links.
  identity_id uuid NOT NULL REFERENCES reporter_identities (id) ON DELETE CASCADE,
  payload     jsonb NOT NULL,
  received_at timestamptz NOT NULL
);
CREATE INDEX chat_inbox_group ON chat_inbox (group_key);

-- Which identity to tell when a chat report is closed.
CREATE TABLE chat_reports (
  report_id   uuid PRIMARY KEY REFERENCES reports (id) ON DELETE CASCADE,
  platform    text NOT NULL,
  identity_id uuid NOT NULL,
  feedback_at timestamptz
);
