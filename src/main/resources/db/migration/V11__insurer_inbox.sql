-- The demo's stand-in for the insurers' own systems: what their webhook received, once per
-- Idempotency-Key, so a repeated delivery is visible as not duplicated.
CREATE TABLE insurer_inbox (
    idempotency_key text PRIMARY KEY,
    insurer_code    text NOT NULL,
    topic           text,
    body            jsonb NOT NULL,
    received_at     timestamptz NOT NULL DEFAULT now(),
    deliveries      integer NOT NULL DEFAULT 1
);
