-- Medical advance payments (医疗垫付): applications, hospital bills, payment instructions, the
-- double-entry ledger, the outbox to payers' systems, and the per (injured person, payer)
-- headroom row that serialises concurrent payments. Money is bigint fen everywhere.

-- Hospitals that may bill; a bill naming any other hospital is refused.
CREATE TABLE payment_hospital (
    id          text PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9_-]{1,64}$'),
    name        text NOT NULL,
    active      boolean NOT NULL DEFAULT true,
    created_at  timestamptz NOT NULL DEFAULT now()
);

-- Who pays: the compulsory insurer of a vehicle, or the assistance fund.
CREATE TABLE payment_payer (
    id          text PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9_-]{1,64}$'),
    kind        text NOT NULL CHECK (kind IN ('INSURER', 'ASSISTANCE_FUND')),
    name        text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);

-- One application per injured person and accident case. case_id is the accident's id from the
-- accident feature (V10-V19); it is not a foreign key so that the two features migrate alone.
CREATE TABLE advance_application (
    id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    case_id           text NOT NULL,
    injured_person_id text NOT NULL,
    hospital_id       text NOT NULL REFERENCES payment_hospital (id),
    accident_at       timestamptz NOT NULL,
    state             text NOT NULL CHECK (state IN ('APPLIED', 'NOTICE_ISSUED', 'BILLED',
                          'APPROVED', 'PAID', 'REJECTED', 'WITHDRAWN', 'CLOSED')),
    applied_by        uuid REFERENCES account (id),
    -- the applicant's phone when an officer opened the application for them, so that they see it
    -- and its notifications when they sign in with that phone
    applicant_phone   text CHECK (applicant_phone ~ '^1[3-9][0-9]{9}$'),
    applied_at        timestamptz NOT NULL,
    notice_due_at     timestamptz NOT NULL,
    updated_at        timestamptz NOT NULL,
    UNIQUE (case_id, injured_person_id)
);
CREATE INDEX advance_application_by_applicant ON advance_application (applied_by);
CREATE INDEX advance_application_by_phone ON advance_application (applicant_phone);
CREATE INDEX advance_application_notice_due ON advance_application (notice_due_at)
    WHERE state = 'APPLIED';

-- The payers the police notice names for an application, with the liability of each vehicle.
CREATE TABLE application_payer (
    application_id  uuid NOT NULL REFERENCES advance_application (id),
    payer_id        text NOT NULL REFERENCES payment_payer (id),
    liability_state text NOT NULL CHECK (liability_state IN ('LIABLE', 'NOT_LIABLE',
                        'UNDETERMINED')),
    fund_grounds    text[] NOT NULL DEFAULT '{}',
    noticed_at      timestamptz NOT NULL,
    PRIMARY KEY (application_id, payer_id)
);

-- What everyone involved sees of an application.
CREATE TABLE application_timeline (
    id              bigserial PRIMARY KEY,
    application_id  uuid NOT NULL REFERENCES advance_application (id),
    at              timestamptz NOT NULL,
    what            text NOT NULL,
    actor_role      text NOT NULL CHECK (actor_role IN ('APPLICANT', 'POLICE', 'HOSPITAL',
                        'PAYER', 'SYSTEM')),
    actor_id        text NOT NULL,
    text_zh         text NOT NULL,
    text_en         text NOT NULL
);
CREATE INDEX application_timeline_by_application ON application_timeline (application_id, at);

CREATE TABLE bill (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    application_id  uuid NOT NULL REFERENCES advance_application (id),
    hospital_id     text NOT NULL REFERENCES payment_hospital (id),
    total_fen       bigint NOT NULL CHECK (total_fen > 0),
    submitted_at    timestamptz NOT NULL,
    review_due_at   timestamptz NOT NULL
);
CREATE INDEX bill_by_application ON bill (application_id);
CREATE INDEX bill_review_due ON bill (review_due_at);

CREATE TABLE bill_item (
    bill_id         uuid NOT NULL REFERENCES bill (id),
    position        integer NOT NULL CHECK (position >= 0),
    description     text NOT NULL CHECK (description <> ''),
    rendered_at     timestamptz NOT NULL,
    invoice_number  text NOT NULL CHECK (invoice_number <> ''),
    amount_fen      bigint NOT NULL CHECK (amount_fen > 0),
    PRIMARY KEY (bill_id, position)
);

-- How much one payer has advanced for one injured person of one case. Every payment locks this
-- row (SELECT ... FOR UPDATE) before it reads, decides and adds, so two approvals at the same
-- moment are serialised and cannot together pass the cap. cap_fen is the cap applied by the last
-- payment (it rises when liability is determined); the CHECK is the database's own backstop.
CREATE TABLE payer_headroom (
    case_id           text NOT NULL,
    injured_person_id text NOT NULL,
    payer_id          text NOT NULL REFERENCES payment_payer (id),
    advanced_fen      bigint NOT NULL DEFAULT 0 CHECK (advanced_fen >= 0),
    cap_fen           bigint CHECK (cap_fen >= 0),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (case_id, injured_person_id, payer_id),
    CONSTRAINT payer_headroom_within_cap CHECK (cap_fen IS NULL OR advanced_fen <= cap_fen)
);

-- Append-only double-entry ledger: a posting and exactly one debit and one credit entry of the
-- same amount. A correction is a new posting that reverses an earlier one (at most once).
CREATE TABLE ledger_posting (
    id                uuid PRIMARY KEY,
    kind              text NOT NULL CHECK (kind IN ('ADVANCE_APPROVED', 'DISBURSED', 'REVERSAL')),
    payer_id          text NOT NULL REFERENCES payment_payer (id),
    application_id    uuid NOT NULL REFERENCES advance_application (id),
    case_id           text NOT NULL,
    injured_person_id text NOT NULL,
    posted_at         timestamptz NOT NULL,
    amount_fen        bigint NOT NULL CHECK (amount_fen > 0),
    reversal_of       uuid UNIQUE REFERENCES ledger_posting (id),
    instruction_id    uuid,
    CONSTRAINT ledger_posting_reversal_names_original
        CHECK ((kind = 'REVERSAL') = (reversal_of IS NOT NULL))
);
CREATE INDEX ledger_posting_by_day ON ledger_posting (posted_at);
-- A bank's confirmation may arrive twice; the instruction is disbursed once.
CREATE UNIQUE INDEX ledger_posting_one_disbursement ON ledger_posting (instruction_id)
    WHERE kind = 'DISBURSED';

CREATE TABLE ledger_entry (
    posting_id    uuid NOT NULL REFERENCES ledger_posting (id),
    side          text NOT NULL CHECK (side IN ('DEBIT', 'CREDIT')),
    account_type  text NOT NULL CHECK (account_type IN ('PAYER_ADVANCES', 'PAYER_SETTLEMENT',
                      'HOSPITAL_RECEIVABLE')),
    account_owner text NOT NULL,
    account_key   text NOT NULL,
    amount_fen    bigint NOT NULL CHECK (amount_fen > 0),
    PRIMARY KEY (posting_id, side)
);
CREATE INDEX ledger_entry_by_account ON ledger_entry (account_key);

-- Refuse any UPDATE or DELETE of the ledger: history is corrected by reversal only.
CREATE FUNCTION ledger_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the ledger is append-only: % on % is not allowed; post a reversal',
        TG_OP, TG_TABLE_NAME USING ERRCODE = 'integrity_constraint_violation';
END $$;
CREATE TRIGGER ledger_posting_append_only BEFORE UPDATE OR DELETE ON ledger_posting
    FOR EACH ROW EXECUTE FUNCTION ledger_is_append_only();
CREATE TRIGGER ledger_entry_append_only BEFORE UPDATE OR DELETE ON ledger_entry
    FOR EACH ROW EXECUTE FUNCTION ledger_is_append_only();

-- At commit, every posting has its debit and its credit, each of the posting's amount.
CREATE FUNCTION ledger_posting_is_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    debit_fen  bigint;
    credit_fen bigint;
    posting    uuid;
    expected   bigint;
BEGIN
    IF TG_TABLE_NAME = 'ledger_posting' THEN
        posting := NEW.id;
    ELSE
        posting := NEW.posting_id;
    END IF;
    SELECT amount_fen INTO expected FROM ledger_posting WHERE id = posting;
    SELECT COALESCE(sum(amount_fen) FILTER (WHERE side = 'DEBIT'), 0),
           COALESCE(sum(amount_fen) FILTER (WHERE side = 'CREDIT'), 0)
      INTO debit_fen, credit_fen FROM ledger_entry WHERE posting_id = posting;
    IF debit_fen <> expected OR credit_fen <> expected THEN
        RAISE EXCEPTION 'posting % is not balanced: debit %, credit %, amount %',
            posting, debit_fen, credit_fen, expected USING ERRCODE = 'check_violation';
    END IF;
    RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER ledger_posting_balanced AFTER INSERT ON ledger_posting
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_posting_is_balanced();
CREATE CONSTRAINT TRIGGER ledger_entry_balanced AFTER INSERT ON ledger_entry
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_posting_is_balanced();

-- Every instruction to pay, keyed by the client's idempotency key. The UNIQUE key decides which
-- of two simultaneous first attempts runs; the other sees the first's result or, if the request
-- differs (another fingerprint), a conflict.
CREATE TABLE payment_instruction (
    id                  uuid PRIMARY KEY,
    idempotency_key     text NOT NULL UNIQUE CHECK (idempotency_key ~ '^[A-Za-z0-9_:-]{8,128}$'),
    request_fingerprint text NOT NULL CHECK (request_fingerprint ~ '^[0-9a-f]{64}$'),
    application_id      uuid NOT NULL REFERENCES advance_application (id),
    bill_id             uuid REFERENCES bill (id),
    payer_id            text NOT NULL REFERENCES payment_payer (id),
    requested_fen       bigint NOT NULL CHECK (requested_fen > 0),
    paid_fen            bigint CHECK (paid_fen >= 0),
    excess_fen          bigint CHECK (excess_fen >= 0),
    excess_handling     text CHECK (excess_handling IN ('NONE', 'REFER_TO_FUND',
                            'AWAIT_LIABILITY', 'REFUSED')),
    posting_id          uuid REFERENCES ledger_posting (id),
    created_at          timestamptz NOT NULL,
    finished_at         timestamptz,
    CONSTRAINT payment_instruction_result_whole CHECK ((finished_at IS NULL) =
        (paid_fen IS NULL AND excess_fen IS NULL AND excess_handling IS NULL))
);

-- Disbursement orders to payers' systems go through the shared outbox (V5__outbox.sql,
-- cn.anxing.outbox): enqueued in the transaction that records the advance, endpoint
-- 'payer:<payer id>', dedupe key 'disburse:<idempotency key>'.
