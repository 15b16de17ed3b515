-- Issue 11, item 2: the hosting trace's provider directory (admin-managed) and its RDAP cache.
-- Written and read by @hotline/hosting-trace (directory-store.ts); see ARCHITECTURE.md.
-- inet/cidr and their operators work on PostgreSQL and PGlite alike.

-- Hosting providers as the hotline knows them: whom to write, in which language, whom to escalate to.
CREATE TABLE hosting_providers (
  id                   bigserial PRIMARY KEY,
  name                 text NOT NULL UNIQUE,
  abuse_email          text,
  language             text,
  country              char(2),
  asn                  bigint,
  upstream_abuse_email text,
  note                 text,
  updated_at           timestamptz NOT NULL DEFAULT now(),
  updated_by           text NOT NULL
);
CREATE INDEX hosting_providers_asn ON hosting_providers (asn) WHERE asn IS NOT NULL;

-- An analyst's correction for a network or a host name (exact, or `*.example.com` for its sub-domains).
-- A provider in use cannot be deleted (RESTRICT): the override would silently lose its meaning.
CREATE TABLE hosting_overrides (
  id          bigserial PRIMARY KEY,
  network     cidr UNIQUE,
  host        text UNIQUE,
  provider_id bigint REFERENCES hosting_providers (id) ON DELETE RESTRICT,
  country     char(2),
  asn         bigint,
  note        text,
  created_by  text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  CHECK ((network IS NULL) <> (host IS NULL)),
  CHECK (provider_id IS NOT NULL OR country IS NOT NULL OR asn IS NOT NULL)
);

-- A host served through a CDN really lives at `origin` (a host name or an IP): the trace follows it.
CREATE TABLE cdn_origin_rules (
  id          bigserial PRIMARY KEY,
  host        text NOT NULL UNIQUE,
  origin      text NOT NULL,
  provider_id bigint REFERENCES hosting_providers (id) ON DELETE RESTRICT,
  note        text,
  created_by  text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);

-- RDAP answers (`ip:<network>` or `autnum:<asn>`), so one network is not asked again within RDAP_CACHE_HOURS.
-- An IP is found in a cached network by its range; `raw` is the answer, capped.
CREATE TABLE rdap_cache (
  key         text PRIMARY KEY,
  range_start inet,
  range_end   inet,
  network     text,
  abuse_email text,
  name        text,
  handle      text,
  country     char(2),
  fetched_at  timestamptz NOT NULL,
  raw         jsonb
);
CREATE INDEX rdap_cache_range ON rdap_cache (range_start, range_end) WHERE range_start IS NOT NULL;
