-- Notice-and-takedown (issue 11): one case per confirmed URL, until re-fetching proves the content gone.

-- A confirmed URL being taken down. One open case per URL (url_key = SHA-256 of the URL); a URL confirmed again
-- after its case closed opens a new one.
CREATE TABLE takedown_cases (
  id                 uuid PRIMARY KEY,
  url                text NOT NULL,
  url_key            bytea NOT NULL,
  -- tracing: waiting for its first trace; held: police first (waiting for clearance or the hold's end);
  -- active: notices and checks run; needs_analyst: the trace failed or the host moved; removed; cancelled (revised).
  state              text NOT NULL CHECK (state IN ('tracing', 'held', 'active', 'needs_analyst', 'removed', 'cancelled')),
  state_reason       text,
  -- decision: an analyst's (or an auto-resolution of decided bytes); auto_list: an exact match to a list whose policy acts alone.
  origin             text NOT NULL CHECK (origin IN ('decision', 'auto_list')),
  classification     jsonb NOT NULL,
  report_id          uuid,
  content_id         uuid,
  first_reported_at  timestamptz NOT NULL,
  confirmed_at       timestamptz NOT NULL,
  trace              jsonb,
  traced_at          timestamptz,
  country            text,
  asn                bigint,
  provider_name      text,
  abuse_email        text,
  route              text CHECK (route IN ('domestic', 'inhope', 'elsewhere', 'unknown')),
  notice_when        text CHECK (notice_when IN ('now', 'after_clearance', 'after_hold', 'never')),
  notice_not_before  timestamptz,
  cleared_at         timestamptz,
  cleared_by         text,
  notices_sent       integer NOT NULL DEFAULT 0,
  first_notice_at    timestamptz,
  last_notice_at     timestamptz,
  checks             integer NOT NULL DEFAULT 0,
  consecutive_absent integer NOT NULL DEFAULT 0,
  last_check_at      timestamptz,
  last_check_outcome text,
  removed_at         timestamptz,
  -- Retention dropped the URL, the trace and the referral documents of the closed case; the figures stay.
  anonymised_at      timestamptz,
  created_at         timestamptz NOT NULL,
  updated_at         timestamptz NOT NULL
);
CREATE UNIQUE INDEX takedown_cases_open_url ON takedown_cases (url_key) WHERE state NOT IN ('removed', 'cancelled');
CREATE INDEX takedown_cases_state ON takedown_cases (state, updated_at);

-- What a case expects the URL to serve: the confirmed items (and their hashes) found there.
CREATE TABLE takedown_case_items (
  case_id     uuid NOT NULL REFERENCES takedown_cases (id) ON DELETE CASCADE,
  item_id     uuid NOT NULL,
  decision_id bigint,
  sha256      bytea,
  md5         bytea,
  sha1        bytea,
  pdq         bytea,
  active      boolean NOT NULL DEFAULT true,
  PRIMARY KEY (case_id, item_id)
);
CREATE INDEX takedown_case_items_item ON takedown_case_items (item_id);

-- A case's timeline: traces, routing, referrals, notices, checks, responses, moves, removal.
CREATE TABLE takedown_events (
  id      bigserial PRIMARY KEY,
  case_id uuid NOT NULL REFERENCES takedown_cases (id) ON DELETE CASCADE,
  at      timestamptz NOT NULL,
  kind    text NOT NULL,
  details jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX takedown_events_case ON takedown_events (case_id, id);

-- One e-mail to one abuse address, carrying every URL due for that address. `sending` is committed before the mail
-- goes out, so a crash between the two re-sends the same notice (same Message-ID), never a second, different one.
CREATE TABLE takedown_notices (
  id         uuid PRIMARY KEY,
  contact    text NOT NULL,
  level      text NOT NULL CHECK (level IN ('provider', 'upstream', 'police')),
  language   text,
  state      text NOT NULL CHECK (state IN ('sending', 'sent', 'failed')),
  message_id text,
  rejected   jsonb,
  error      text,
  attempts   integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL,
  sent_at    timestamptz
);
CREATE INDEX takedown_notices_sending ON takedown_notices (created_at) WHERE state = 'sending';

-- A URL's place in a notice: due (pending) → in a notice being sent → sent. notice_number counts per case.
CREATE TABLE takedown_notice_items (
  id            bigserial PRIMARY KEY,
  case_id       uuid NOT NULL REFERENCES takedown_cases (id) ON DELETE CASCADE,
  notice_number integer NOT NULL,
  level         text NOT NULL CHECK (level IN ('provider', 'upstream', 'police')),
  contact       text NOT NULL,
  language      text,
  due_at        timestamptz NOT NULL,
  state         text NOT NULL CHECK (state IN ('pending', 'sending', 'sent', 'cancelled')),
  notice_id     uuid REFERENCES takedown_notices (id),
  UNIQUE (case_id, notice_number)
);
CREATE INDEX takedown_notice_items_due ON takedown_notice_items (contact, due_at) WHERE state = 'pending';
CREATE INDEX takedown_notice_items_notice ON takedown_notice_items (notice_id);

-- Each re-fetch of a case's URL: did it still serve the confirmed content?
CREATE TABLE takedown_checks (
  id           bigserial PRIMARY KEY,
  case_id      uuid NOT NULL REFERENCES takedown_cases (id) ON DELETE CASCADE,
  check_number integer NOT NULL,
  at           timestamptz NOT NULL,
  outcome      text NOT NULL CHECK (outcome IN ('present', 'absent', 'unreachable')),
  http_status  integer,
  detail       text,
  UNIQUE (case_id, check_number)
);

-- Referrals to police, Interpol or the INHOPE hotline of the hosting country: the signed JSON document, never the image.
CREATE TABLE takedown_referrals (
  id         uuid PRIMARY KEY,
  case_id    uuid NOT NULL REFERENCES takedown_cases (id) ON DELETE CASCADE,
  kind       text NOT NULL CHECK (kind IN ('police', 'interpol', 'inhope_member')),
  name       text NOT NULL,
  country    text,
  channel    text NOT NULL CHECK (channel IN ('http', 'email', 'none')),
  address    text,
  reason     text NOT NULL,
  state      text NOT NULL CHECK (state IN ('pending', 'sent', 'unroutable', 'failed')),
  document   jsonb,
  signature  text,
  key_id     text,
  error      text,
  created_at timestamptz NOT NULL,
  sent_at    timestamptz,
  UNIQUE (case_id, kind, name, reason)
);

-- Arachnid's automatic notices: an exact SHA-256 match to a list of assessed material acts without a new decision.
ALTER TABLE hash_lists ADD COLUMN auto_notice boolean NOT NULL DEFAULT false;
