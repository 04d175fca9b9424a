-- The administration itself is an organisation, so that every staff account, admins included,
-- acts for exactly one.
INSERT INTO organisation (kind, code, name_zh, name_en)
VALUES ('ADMIN', 'admin', '系统管理', 'Administration');

-- Each staff account acts for one organisation. The old free-text column stays readable for
-- accounts made before this version; new and changed staff rows must name an organisation (the
-- constraint is NOT VALID so an existing database migrates; the admin pages bind old accounts).
-- session_version is carried in the session token and compared on every request: disabling an
-- account, changing its roles or organisation, or resetting its password bumps it, and every
-- token issued before is refused at once.
ALTER TABLE account
    ADD COLUMN organisation_id uuid REFERENCES organisation (id),
    ADD COLUMN session_version integer NOT NULL DEFAULT 1,
    ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
ALTER TABLE account ADD CONSTRAINT account_staff_has_organisation
    CHECK (username IS NULL OR organisation_id IS NOT NULL) NOT VALID;
CREATE INDEX account_by_organisation ON account (organisation_id);

-- A school (校车) belongs to the organisation of kind SCHOOL that runs it; its coordinators are
-- that organisation's accounts. A coordinator of several schools is a coordinator of the
-- organisation that runs them all (a school group or the county's education office), so one
-- account still acts for exactly one organisation and one join decides what it may see.
ALTER TABLE bus_school ADD COLUMN organisation_id uuid REFERENCES organisation (id);
CREATE INDEX bus_school_by_organisation ON bus_school (organisation_id);
