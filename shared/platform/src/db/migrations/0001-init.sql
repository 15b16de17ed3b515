-- Walking skeleton schema. Who writes and reads each table: ARCHITECTURE.md.
-- No table holds a reporter's IP address, user agent or cookie.

CREATE TABLE reports (
  id          uuid PRIMARY KEY,
  source      text NOT NULL CHECK (source IN ('web', 'chat')),
  description text,
  language    text,
  received_at timestamptz NOT NULL DEFAULT now()
);

-- One row per reported URL, and one per image found on a reported page (parent_id set).
CREATE TABLE report_urls (
  id          uuid PRIMARY KEY,
  report_id   uuid NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
  parent_id   uuid REFERENCES report_urls (id) ON DELETE CASCADE,
  position    int NOT NULL,
  url         text NOT NULL,
  state       text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'fetched', 'page', 'refused', 'failed')),
  reason      text,
  final_url   text,
  http_status int,
  mime        text,
  updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX report_urls_report ON report_urls (report_id);
CREATE INDEX report_urls_parent ON report_urls (parent_id);

-- Fetched or uploaded bytes, AES-256-GCM encrypted: nonce (12) || tag (16) || ciphertext.
CREATE TABLE content_blobs (
  key        text PRIMARY KEY,
  sealed     bytea NOT NULL,
  byte_size  int NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE contents (
  id          uuid PRIMARY KEY,
  report_id   uuid NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
  item_id     uuid REFERENCES report_urls (id) ON DELETE CASCADE,
  origin      text NOT NULL CHECK (origin IN ('url', 'linked', 'upload')),
  source_url  text,
  blob_key    text NOT NULL,
  mime        text NOT NULL,
  byte_size   int NOT NULL,
  state       text NOT NULL DEFAULT 'stored' CHECK (state IN ('stored', 'hashed', 'failed')),
  reason      text,
  md5         text,
  sha1        text,
  sha256      text,
  blockhash   text,
  pdq         text,
  pdq_quality int,
  width       int,
  height      int,
  created_at  timestamptz NOT NULL DEFAULT now(),
  hashed_at   timestamptz
);
CREATE INDEX contents_report ON contents (report_id);
CREATE INDEX contents_sha256 ON contents (sha256);

-- A list ("bank") holds hashes of one type from one source (IWF, NCMEC, own, ...).
CREATE TABLE hash_lists (
  id         serial PRIMARY KEY,
  name       text NOT NULL UNIQUE,
  source     text NOT NULL DEFAULT 'own',
  hash_type  text NOT NULL CHECK (hash_type IN ('md5', 'sha1', 'sha256', 'blockhash', 'pdq')),
  enabled    boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE known_hashes (
  id        bigserial PRIMARY KEY,
  list_id   int NOT NULL REFERENCES hash_lists (id) ON DELETE CASCADE,
  -- Lowercase hex; byte-order collation keeps the unique index fast at tens of millions of rows.
  hash      text COLLATE "C" NOT NULL CHECK (hash ~ '^[0-9a-f]+$'),
  category  text,
  note      text,
  -- PDQ quality when the list gives it; below 50 the hash is weak and not matched by default.
  quality   int,
  enabled   boolean NOT NULL DEFAULT true,
  added_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (list_id, hash)
);

-- Every change to lists and hashes, in order. Matchers apply these as deltas to their in-memory
-- index (no full reload); an import is one 'added' row covering an id range.
CREATE TABLE hash_changes (
  seq     bigserial PRIMARY KEY,
  kind    text NOT NULL CHECK (kind IN ('added', 'hash_disabled', 'hash_enabled', 'list_disabled', 'list_enabled')),
  list_id int NOT NULL REFERENCES hash_lists (id) ON DELETE CASCADE,
  hash_id bigint,
  from_id bigint,
  to_id   bigint,
  at      timestamptz NOT NULL DEFAULT now()
);

-- One row per content the matcher has handled: its idempotency key.
CREATE TABLE match_runs (
  content_id  uuid PRIMARY KEY REFERENCES contents (id) ON DELETE CASCADE,
  match_count int NOT NULL,
  matched_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE matches (
  id            bigserial PRIMARY KEY,
  content_id    uuid NOT NULL REFERENCES contents (id) ON DELETE CASCADE,
  known_hash_id bigint NOT NULL REFERENCES known_hashes (id),
  list_name     text NOT NULL,
  list_source   text NOT NULL,
  hash_type     text NOT NULL,
  distance      int NOT NULL,
  category      text,
  -- For PDQ: which dihedral variant of the content matched (original, rotate90, flipX, ...).
  variant       text,
  UNIQUE (content_id, known_hash_id)
);

CREATE TABLE review_items (
  content_id     uuid PRIMARY KEY REFERENCES contents (id) ON DELETE CASCADE,
  report_id      uuid NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
  status         text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'decided')),
  known_material boolean NOT NULL,
  best_distance  int,
  enqueued_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX review_items_queue ON review_items (known_material DESC, best_distance ASC NULLS LAST, enqueued_at ASC)
  WHERE status = 'pending';

-- Transactional outbox: events are written with the state change that causes them and published
-- by a relay; a row is deleted once the bus has it.
CREATE TABLE outbox (
  id            bigserial PRIMARY KEY,
  topic         text NOT NULL,
  key           text NOT NULL,
  envelope      jsonb NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  claimed_until timestamptz
);
