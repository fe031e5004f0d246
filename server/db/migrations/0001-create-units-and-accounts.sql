-- Units a case can be routed to (core/catalogue.ts Unit); department accounts belong to one.
CREATE TABLE units (
  code text PRIMARY KEY CHECK (code <> ''),
  name text NOT NULL CHECK (name <> ''),
  kind text NOT NULL CHECK (kind IN ('directorate', 'district', 'external'))
);

CREATE TABLE accounts (
  id bigserial PRIMARY KEY,
  username text NOT NULL UNIQUE CHECK (username = lower(username) AND username <> ''),
  display_name text NOT NULL,
  -- scrypt$N$r$p$salt$hash (server/auth/password.ts); never the password.
  password_hash text NOT NULL,
  role text NOT NULL
    CHECK (role IN ('operator', 'feedback-operator', 'team-lead', 'department', 'admin')),
  -- A department user sees its unit's cases only, so it must have one.
  unit_code text REFERENCES units (code),
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (role <> 'department' OR unit_code IS NOT NULL)
);

-- Bearer tokens: only their SHA-256 is stored, so a copied table logs nobody in. A token is
-- 32 random bytes, so a fast hash is enough (no dictionary to guess from).
CREATE TABLE sessions (
  token_hash text PRIMARY KEY,
  account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_expires_at ON sessions (expires_at);
