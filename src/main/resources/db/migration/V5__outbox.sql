-- The transactional outbox (发件箱): messages to other organisations' systems (insurers,
-- hospitals, the assistance fund) are written in the same transaction as the business change
-- that causes them, then delivered by the relay in OutboxRelay. A row is never lost (it is
-- committed with the change) and never enqueued twice (dedupe_key is unique).

-- Where messages go: one row per receiving system, registered by the feature that owns it
-- (e.g. 'insurer:PICC'). The relay reads the URL and the HMAC secret at delivery time, so a
-- changed URL or a rotated secret applies to messages already waiting.
CREATE TABLE outbox_endpoint (
    code        text PRIMARY KEY,
    url         text NOT NULL,
    secret      text NOT NULL,
    description text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT outbox_endpoint_http_url CHECK (url ~ '^https?://')
);

-- One message to one endpoint. body is the exact text that is signed and sent.
CREATE TABLE outbox_message (
    id              bigserial PRIMARY KEY,
    endpoint        text NOT NULL REFERENCES outbox_endpoint (code),
    topic           text NOT NULL,
    dedupe_key      text NOT NULL UNIQUE,
    body            text NOT NULL,
    status          text NOT NULL DEFAULT 'PENDING'
                    CHECK (status IN ('PENDING', 'DELIVERED', 'FAILED')),
    attempts        integer NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    -- a relay that claimed the row holds it until then; after a crash the lease runs out and
    -- another relay (or the restarted one) takes it again
    locked_until    timestamptz,
    last_error      text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    delivered_at    timestamptz
);
CREATE INDEX outbox_message_due ON outbox_message (next_attempt_at) WHERE status = 'PENDING';

-- Every delivery attempt, successful or not, for support and audit.
CREATE TABLE outbox_attempt (
    id           bigserial PRIMARY KEY,
    message_id   bigint NOT NULL REFERENCES outbox_message (id) ON DELETE CASCADE,
    attempted_at timestamptz NOT NULL DEFAULT now(),
    http_status  integer,
    error        text,
    duration_ms  integer NOT NULL
);
CREATE INDEX outbox_attempt_message ON outbox_attempt (message_id, attempted_at);
