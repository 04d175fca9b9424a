-- Accounts of every kind: drivers and parents sign in by phone and one-time code,
-- staff (police, coordinators, insurers, hospitals, the fund, admins) by username and password.
CREATE TABLE account (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    phone         text UNIQUE,
    username      text UNIQUE,
    display_name  text NOT NULL,
    password_hash text,
    roles         text[] NOT NULL,
    organisation  text,
    disabled      boolean NOT NULL DEFAULT false,
    created_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT account_has_a_sign_in CHECK (phone IS NOT NULL OR username IS NOT NULL),
    CONSTRAINT account_staff_has_password CHECK (username IS NULL OR password_hash IS NOT NULL),
    CONSTRAINT account_has_roles CHECK (cardinality(roles) > 0)
);

-- The one live code per phone; a new request replaces it. Only its hash is stored.
CREATE TABLE otp_code (
    phone       text PRIMARY KEY,
    code_hash   text NOT NULL,
    expires_at  timestamptz NOT NULL,
    attempts    integer NOT NULL DEFAULT 0,
    created_at  timestamptz NOT NULL DEFAULT now()
);

-- Every code request, for the per-phone and per-address rate limits.
CREATE TABLE otp_request (
    id          bigserial PRIMARY KEY,
    phone       text NOT NULL,
    address     text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX otp_request_phone_time ON otp_request (phone, created_at);
CREATE INDEX otp_request_address_time ON otp_request (address, created_at);

-- Server secrets generated on first start (the demo's JWT key), so tokens survive restarts.
CREATE TABLE server_secret (
    name        text PRIMARY KEY,
    value       text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);
