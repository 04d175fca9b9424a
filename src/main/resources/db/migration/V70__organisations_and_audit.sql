-- Organisations as data: every staff account acts for exactly one (a police unit, an insurer, a
-- hospital, the assistance fund, a school, or the administration). The code is the stable name
-- other tables already use: the payer id (payment_payer.id 'PICC') and the outbox endpoints
-- ('insurer:PICC', 'payer:PICC') are keyed by it, so one insurer is one row here.
CREATE TABLE organisation (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    kind        text NOT NULL
        CHECK (kind IN ('POLICE_UNIT', 'INSURER', 'HOSPITAL', 'FUND', 'SCHOOL', 'ADMIN')),
    code        text NOT NULL UNIQUE CHECK (code ~ '^[A-Za-z0-9_-]{1,64}$'),
    name_zh     text NOT NULL,
    name_en     text,
    -- A 中队 names its 大队; only police units nest.
    parent_id   uuid REFERENCES organisation (id),
    active      boolean NOT NULL DEFAULT true,
    created_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT organisation_not_its_own_parent CHECK (parent_id IS NULL OR parent_id <> id)
);

-- Staff actions, append-only: who (account, role, organisation) did what to which subject, with
-- the state before and after. Written in the transaction of the action itself, so an action
-- without its entry cannot commit. organisation_id is not a foreign key on purpose: the entry
-- must outlive any later change to the organisation table.
CREATE TABLE audit_log (
    id              bigserial PRIMARY KEY,
    at              timestamptz NOT NULL DEFAULT now(),
    actor_id        uuid,
    actor_role      text,
    organisation_id uuid,
    action          text NOT NULL CHECK (action ~ '^[a-z][a-z0-9_.-]{0,99}$'),
    subject_type    text NOT NULL,
    subject_id      text NOT NULL,
    before          jsonb,
    after           jsonb,
    request_id      text
);
CREATE INDEX audit_log_by_subject ON audit_log (subject_type, subject_id, at);
CREATE INDEX audit_log_by_actor ON audit_log (actor_id, at);
CREATE INDEX audit_log_by_organisation ON audit_log (organisation_id, at);

-- The database refuses to rewrite history, as the ledger does (V20): a wrong entry is answered
-- by a later entry, never by an UPDATE or DELETE.
CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the audit log is append-only: % on % is not allowed', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'integrity_constraint_violation';
END $$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();
-- TRUNCATE is not a row operation and is left, as for the ledger, to the schema owner (the
-- tests empty every table between classes); the application's role needs no TRUNCATE grant.
