-- Accident self-service (事故快处): cases, their parties, photos, state changes, agreements,
-- the insurers notified through the outbox, and the repeated-report offers.

-- Insurers (保险公司) the parties choose from; each is notified through its outbox endpoint.
CREATE TABLE insurer (
    code       text PRIMARY KEY CHECK (code ~ '^[A-Z][A-Z0-9_]{1,31}$'),
    name_zh    text NOT NULL,
    name_en    text NOT NULL,
    endpoint   text NOT NULL REFERENCES outbox_endpoint (code),
    active     boolean NOT NULL DEFAULT true,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE SEQUENCE accident_case_no;

CREATE TABLE accident_case (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    -- 事故编号 people quote on the phone: PH, the day in Pinghu, a running number
    case_no         text NOT NULL UNIQUE DEFAULT 'PH'
                    || to_char(now() AT TIME ZONE 'Asia/Shanghai', 'YYYYMMDD') || '-'
                    || lpad(nextval('accident_case_no')::text, 6, '0'),
    -- what the other driver types or scans (QR) to join; short, no look-alike characters
    share_code      text NOT NULL UNIQUE,
    state           text NOT NULL,
    -- optimistic concurrency: every change bumps it; a change made on a stale version is a 409
    version         integer NOT NULL DEFAULT 0,
    reporter_id     uuid NOT NULL REFERENCES account (id),
    occurred_at     timestamptz NOT NULL,
    reported_at     timestamptz NOT NULL DEFAULT now(),
    lat             double precision NOT NULL,
    lon             double precision NOT NULL,
    road_lat        double precision,
    road_lon        double precision,
    road_name       text NOT NULL DEFAULT '',
    road_class      text NOT NULL DEFAULT '',
    expressway      boolean NOT NULL DEFAULT false,
    weather         text NOT NULL,
    accident_form   text NOT NULL,
    -- every vehicle's plate as the reporter gave them, the reporter's first
    plates          text[] NOT NULL,
    checklist       jsonb,
    eligibility     jsonb,
    decision        jsonb,
    police_decision jsonb,
    flags           jsonb NOT NULL DEFAULT '[]',
    medical_advance boolean NOT NULL DEFAULT false,
    updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX accident_case_recent_open ON accident_case (reported_at) WHERE state <> 'CLOSED';
CREATE INDEX accident_case_state ON accident_case (state);
CREATE INDEX accident_case_plates ON accident_case USING gin (plates);

CREATE TABLE accident_party (
    id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    case_id        uuid NOT NULL REFERENCES accident_case (id),
    label          text NOT NULL,
    account_id     uuid NOT NULL REFERENCES account (id),
    joined_at      timestamptz NOT NULL DEFAULT now(),
    name           text,
    phone          text,
    plate          text,
    vehicle_type   text,
    -- AES-GCM (FieldCipher) bound to this row; the masked form is what others see
    licence_no_enc bytea,
    licence_masked text,
    insurer_code   text REFERENCES insurer (code),
    policy_no      text,
    collision_part text,
    statement      jsonb,
    stated_at      timestamptz,
    signature      text,
    signed_at      timestamptz,
    UNIQUE (case_id, label),
    UNIQUE (case_id, account_id),
    UNIQUE (case_id, plate)
);
CREATE INDEX accident_party_account ON accident_party (account_id);

-- Every change of state: from, event, to, who and when.
CREATE TABLE accident_transition (
    id         bigserial PRIMARY KEY,
    case_id    uuid NOT NULL REFERENCES accident_case (id),
    from_state text NOT NULL,
    event      text NOT NULL,
    to_state   text NOT NULL,
    actor      text NOT NULL,
    at         timestamptz NOT NULL
);
CREATE INDEX accident_transition_case ON accident_transition (case_id, id);

-- The photo in each slot; the file is DATA_DIR/photos/<sha256[0..2]>/<sha256>.<ext>.
CREATE TABLE accident_photo (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    case_id         uuid NOT NULL REFERENCES accident_case (id),
    slot            text NOT NULL,
    idempotency_key text NOT NULL,
    sha256          text NOT NULL,
    content_type    text NOT NULL,
    size_bytes      integer NOT NULL,
    taken_at        timestamptz,
    lat             double precision,
    lon             double precision,
    flags           jsonb NOT NULL DEFAULT '[]',
    uploaded_by     uuid NOT NULL REFERENCES account (id),
    uploaded_at     timestamptz NOT NULL DEFAULT now(),
    UNIQUE (case_id, slot),
    UNIQUE (case_id, idempotency_key)
);

-- The signed settlement agreement (协议书): its content as signed and its verification code.
CREATE TABLE accident_agreement (
    id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    case_id           uuid NOT NULL UNIQUE REFERENCES accident_case (id),
    -- AgreementSeal's code, normalised (16 characters, no dashes)
    verification_code text NOT NULL UNIQUE,
    -- what the verify page shows: no licence numbers; the seal is checked against the case rows
    summary           jsonb NOT NULL,
    created_at        timestamptz NOT NULL DEFAULT now()
);

-- A new report near an open case sharing a plate is offered that case instead (查重); an
-- accepted offer is a repeated report avoided.
CREATE TABLE accident_duplicate_offer (
    case_id     uuid NOT NULL REFERENCES accident_case (id),
    account_id  uuid NOT NULL REFERENCES account (id),
    offered_at  timestamptz NOT NULL DEFAULT now(),
    accepted_at timestamptz,
    PRIMARY KEY (case_id, account_id)
);
