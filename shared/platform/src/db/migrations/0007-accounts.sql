-- Analysts' accounts (shared/accounts). Secrets are never stored in the clear: passwords as argon2id
-- hashes, TOTP secrets sealed with REVIEW_ACCOUNTS_KEY, session and API tokens as SHA-256 digests.
CREATE TABLE users (
  id uuid PRIMARY KEY,
  username text NOT NULL UNIQUE CHECK (username = lower(username)),
  role text NOT NULL CHECK (role IN ('analyst', 'senior', 'admin')),
  password_hash text NOT NULL,
  must_change_password boolean NOT NULL DEFAULT true,
  totp_sealed bytea,
  -- A secret being enrolled: it replaces totp_sealed once a code from it is confirmed.
  totp_pending_sealed bytea,
  -- The last TOTP time step accepted: a code of this step or an earlier one is a replay.
  totp_last_step bigint,
  blur_strength int NOT NULL DEFAULT 80 CHECK (blur_strength BETWEEN 0 AND 100),
  disabled boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL
);

CREATE TABLE webauthn_credentials (
  id uuid PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  credential_id text NOT NULL UNIQUE,
  name text NOT NULL,
  public_key bytea NOT NULL,
  counter bigint NOT NULL,
  transports text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL,
  last_used_at timestamptz
);
CREATE INDEX webauthn_credentials_user ON webauthn_credentials (user_id);

CREATE TABLE sessions (
  id uuid PRIMARY KEY,
  token_hash bytea NOT NULL UNIQUE,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  csrf_token text NOT NULL,
  created_at timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL,
  reauthenticated_at timestamptz
);
CREATE INDEX sessions_user ON sessions (user_id);

-- WebAuthn challenges, single use: a response names its challenge, which is deleted as it is used.
CREATE TABLE login_challenges (
  challenge text PRIMARY KEY,
  purpose text NOT NULL CHECK (purpose IN ('login', 'reauth', 'register')),
  user_id uuid REFERENCES users (id) ON DELETE CASCADE,
  expires_at timestamptz NOT NULL
);

-- Failed logins per typed user name, whether or not such an account exists, so the lock-out reveals nothing.
CREATE TABLE login_throttle (
  username text PRIMARY KEY,
  failures int NOT NULL DEFAULT 0,
  lockouts int NOT NULL DEFAULT 0,
  locked_until timestamptz,
  last_failure_at timestamptz NOT NULL
);

CREATE TABLE api_tokens (
  id uuid PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  name text NOT NULL,
  token_hash bytea NOT NULL UNIQUE,
  created_at timestamptz NOT NULL,
  last_used_at timestamptz
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);
