-- The analysts' queue (issue 9). A review item is either one content (one per SHA-256: identical
-- bytes reported again join the item as another source) or one reported URL that yielded nothing to
-- look at (offline, refused, not an image, a page without images, content that failed to decode).
-- User ids (claimed_by, decided_by, exposure) carry no foreign key: accounts live in another
-- migration and are never deleted, only disabled.

ALTER TABLE review_items RENAME TO review_items_v1;
ALTER INDEX review_items_queue RENAME TO review_items_v1_queue;

CREATE TABLE review_items (
  id             uuid PRIMARY KEY,
  kind           text NOT NULL CHECK (kind IN ('content', 'url')),
  -- content items: the SHA-256 that identifies them and the first content seen (its bytes are shown)
  sha256         text UNIQUE,
  content_id     uuid REFERENCES contents (id) ON DELETE CASCADE,
  -- url items: what was reported and why nothing came of it; unresolved_key is the report_urls id
  -- (fetcher) or the content id (hasher), the idempotency key of item.unresolved
  unresolved_key uuid UNIQUE,
  url            text,
  reason         text,
  -- the first report; every report is in review_sources
  report_id      uuid NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
  status         text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'awaiting_second', 'disputed', 'decided')),
  known_material boolean NOT NULL DEFAULT false,
  -- claim order: known material by its list category (A, B, C, other, uncategorised = 0..4), new content 9
  priority_rank  int NOT NULL DEFAULT 9,
  best_distance  int,
  -- an earlier decision on a PDQ near-duplicate, shown as a suggestion (never applied by itself)
  prefill_decision_id bigint,
  claimed_by     uuid,
  lease_until    timestamptz,
  enqueued_at    timestamptz NOT NULL DEFAULT now(),
  decided_at     timestamptz,
  CHECK ((kind = 'content') = (sha256 IS NOT NULL AND content_id IS NOT NULL)),
  CHECK ((kind = 'url') = (unresolved_key IS NOT NULL)),
  CHECK ((claimed_by IS NULL) = (lease_until IS NULL))
);
-- The claim walks this index in order, skipping leased rows; decided items leave it.
CREATE INDEX review_items_open ON review_items (priority_rank, best_distance ASC NULLS LAST, enqueued_at, id) WHERE status <> 'decided';
CREATE INDEX review_items_kind_open ON review_items (kind, priority_rank, best_distance ASC NULLS LAST, enqueued_at, id) WHERE status = 'pending';
CREATE INDEX review_items_decided_at ON review_items (decided_at) WHERE status = 'decided';
CREATE INDEX review_items_report ON review_items (report_id);
-- "the item I already hold", asked at every claim: a handful of rows at any time.
CREATE INDEX review_items_claimed ON review_items (claimed_by) WHERE claimed_by IS NOT NULL;

-- One decision per stage and item: the first, the confirming second (four-eyes), the senior's
-- resolution of a dispute. The unique key makes a decision happen exactly once, whatever races.
-- Revisions (a senior correcting a decided item, or a re-review after a false positive) may be
-- several; the latest one is the item's effective decision.
CREATE TABLE review_decisions (
  id           bigserial PRIMARY KEY,
  item_id      uuid NOT NULL REFERENCES review_items (id) ON DELETE CASCADE,
  stage        text NOT NULL CHECK (stage IN ('first', 'second', 'senior', 'revision')),
  verdict      text NOT NULL CHECK (verdict IN ('baseline', 'national', 'not_illegal', 'not_reachable')),
  iwf_category text CHECK (iwf_category IN ('A', 'B', 'C')),
  industry     text CHECK (industry IN ('A1', 'A2', 'B1', 'B2')),
  age_group    text CHECK (age_group IN ('infant', 'prepubescent', 'pubescent', 'adult', 'unknown')),
  content_type text CHECK (content_type IN ('image', 'video', 'text', 'other')),
  site_type    text CHECK (site_type IN ('image_host', 'forum', 'social', 'file_host', 'website', 'other')),
  note         text CHECK (length(note) <= 2000),
  decided_by   uuid NOT NULL,
  -- set when given for a whole report (POST /api/reports/:id/decision) rather than a claimed item
  bulk_report_id uuid,
  created_at   timestamptz NOT NULL
);
CREATE UNIQUE INDEX review_decisions_stage ON review_decisions (item_id, stage) WHERE stage <> 'revision';
CREATE INDEX review_decisions_created ON review_decisions (created_at);
ALTER TABLE review_items ADD CONSTRAINT review_items_prefill FOREIGN KEY (prefill_decision_id) REFERENCES review_decisions (id) ON DELETE SET NULL;

-- Where an item came from: one row per (content) or per unresolved URL, keyed by that id so a
-- redelivered event adds nothing. A source that joined an already decided item is resolved at once
-- with that decision (auto_decision_id), never shown again.
CREATE TABLE review_sources (
  source_key    uuid PRIMARY KEY,
  item_id       uuid NOT NULL REFERENCES review_items (id) ON DELETE CASCADE,
  report_id     uuid NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
  report_url_id uuid REFERENCES report_urls (id) ON DELETE CASCADE,
  content_id    uuid REFERENCES contents (id) ON DELETE CASCADE,
  auto_decision_id bigint REFERENCES review_decisions (id),
  added_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX review_sources_item ON review_sources (item_id);
CREATE INDEX review_sources_report ON review_sources (report_id);
CREATE INDEX review_sources_content ON review_sources (content_id);

-- One row: the console's settings, changed by admins (audited).
CREATE TABLE review_settings (
  id                   boolean PRIMARY KEY DEFAULT true CHECK (id),
  four_eyes            boolean NOT NULL DEFAULT false,
  lease_seconds        int NOT NULL DEFAULT 600 CHECK (lease_seconds BETWEEN 30 AND 86400),
  break_every_minutes  int NOT NULL DEFAULT 60 CHECK (break_every_minutes BETWEEN 5 AND 480),
  daily_exposure_limit int NOT NULL DEFAULT 200 CHECK (daily_exposure_limit BETWEEN 1 AND 100000),
  updated_at           timestamptz NOT NULL DEFAULT now()
);
INSERT INTO review_settings DEFAULT VALUES;

-- How many full images an analyst revealed per (UTC) day, and since when without a pause.
CREATE TABLE review_exposure (
  user_id           uuid NOT NULL,
  day               date NOT NULL,
  reveals           int NOT NULL DEFAULT 0,
  streak_started_at timestamptz NOT NULL,
  last_reveal_at    timestamptz NOT NULL,
  PRIMARY KEY (user_id, day)
);

ALTER TABLE reports ADD COLUMN closed_at timestamptz;
CREATE INDEX reports_closed ON reports (closed_at) WHERE closed_at IS NOT NULL;

-- Existing rows: one content item per SHA-256 (the first content wins), every content a source.
-- The rank from the categories of every match of those bytes, as priorityRank() gives new ones
-- (A 0, B 1, C 2, another 3, none 4; 9 for new content).
INSERT INTO review_items (id, kind, sha256, content_id, report_id, status, known_material, priority_rank, best_distance, enqueued_at)
SELECT DISTINCT ON (c.sha256) old.content_id, 'content', c.sha256, old.content_id, old.report_id,
       old.status, old.known_material,
       COALESCE((SELECT min(CASE WHEN upper(m.category) LIKE 'A%' THEN 0 WHEN upper(m.category) LIKE 'B%' THEN 1
                                 WHEN upper(m.category) LIKE 'C%' THEN 2 WHEN COALESCE(m.category, '') <> '' THEN 3 ELSE 4 END)
                   FROM matches m JOIN contents x ON x.id = m.content_id WHERE x.sha256 = c.sha256),
                CASE WHEN old.known_material THEN 4 ELSE 9 END),
       old.best_distance, old.enqueued_at
  FROM review_items_v1 old JOIN contents c ON c.id = old.content_id
 WHERE c.sha256 IS NOT NULL
 ORDER BY c.sha256, old.enqueued_at, old.content_id;
INSERT INTO review_sources (source_key, item_id, report_id, report_url_id, content_id, added_at)
SELECT old.content_id, i.id, old.report_id, c.item_id, old.content_id, old.enqueued_at
  FROM review_items_v1 old JOIN contents c ON c.id = old.content_id JOIN review_items i ON i.sha256 = c.sha256;
DROP TABLE review_items_v1;

-- Reported URLs that already ended with nothing to look at become url items, as new ones will
-- (item.unresolved): refused or failed, pages on which no image was fetched, contents that failed to decode.
INSERT INTO review_items (id, kind, unresolved_key, url, reason, report_id, enqueued_at)
SELECT gen_random_uuid(), 'url', u.id, u.url, COALESCE(NULLIF(u.reason, ''), u.state), u.report_id, u.updated_at
  FROM report_urls u
 WHERE u.parent_id IS NULL
   AND (u.state IN ('refused', 'failed')
        OR (u.state = 'page' AND NOT EXISTS (SELECT 1 FROM report_urls k WHERE k.parent_id = u.id AND k.state = 'fetched')));
INSERT INTO review_items (id, kind, unresolved_key, url, reason, report_id, enqueued_at)
SELECT gen_random_uuid(), 'url', c.id, c.source_url, COALESCE(c.reason, 'failed'), c.report_id, c.created_at
  FROM contents c WHERE c.state = 'failed';
INSERT INTO review_sources (source_key, item_id, report_id, report_url_id, content_id, added_at)
SELECT i.unresolved_key, i.id, i.report_id, u.id, c.id, i.enqueued_at
  FROM review_items i LEFT JOIN report_urls u ON u.id = i.unresolved_key LEFT JOIN contents c ON c.id = i.unresolved_key
 WHERE i.kind = 'url';
