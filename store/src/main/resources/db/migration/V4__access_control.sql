-- Issue 5: access control. Users with a role and a scope, browser sessions and API tokens (only
-- SHA-256 digests of the secrets are stored), and the audit of every export. These tables are not
-- published: a publish never touches them.

CREATE TABLE gridwatch.users (
  login         text PRIMARY KEY CHECK (login ~ '^[A-Za-z0-9_.@-]{1,64}$'),
  password_hash text NOT NULL,
  role          text NOT NULL CHECK (role IN ('bureau', 'town', 'community', 'planner', 'analyst')),
  town          text,
  community     text,
  created_at    timestamptz NOT NULL DEFAULT now(),
  CHECK (role <> 'town' OR town IS NOT NULL),
  CHECK (role <> 'community' OR (town IS NOT NULL AND community IS NOT NULL))
);

CREATE TABLE gridwatch.sessions (
  digest     text PRIMARY KEY,
  login      text NOT NULL REFERENCES gridwatch.users (login) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);

CREATE TABLE gridwatch.api_tokens (
  digest     text PRIMARY KEY,
  login      text NOT NULL REFERENCES gridwatch.users (login) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE gridwatch.export_audit (
  id       bigserial PRIMARY KEY,
  login    text NOT NULL,
  role     text NOT NULL,
  what     text NOT NULL,
  bytes    bigint,
  remote   text,
  at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX export_audit_at ON gridwatch.export_audit (at);
