-- The police desk (交警工作台): claims on cases, what an officer asked the parties for, the
-- determination documents (认定书), review requests and photo fingerprints for reuse. Every
-- officer action is written to audit_log (V70, append-only) in the action's own transaction.

-- An officer's claim on a case is a lease: it lapses at expires_at unless the open case page
-- renews it. One row per case; taking it is one INSERT ... ON CONFLICT DO UPDATE ... WHERE the
-- lease lapsed or is the taker's own, so of two officers at once exactly one gets the row.
CREATE TABLE police_claim (
    case_id      uuid PRIMARY KEY REFERENCES accident_case (id),
    officer_id   uuid NOT NULL REFERENCES account (id),
    officer_name text NOT NULL,
    claimed_at   timestamptz NOT NULL,
    expires_at   timestamptz NOT NULL
);

-- What the officer asked the parties for instead of deciding (退回补充); items: JSON list of
-- {kind: PHOTO|FIELD|STATEMENT, slot|field|party, note, done}. answered_at set when the case
-- went back to the queue.
ALTER TABLE accident_case ADD COLUMN send_back jsonb;
-- set when a party asked for review (复核) of the determination: the queue marks the case
ALTER TABLE accident_case ADD COLUMN review_requested_at timestamptz;
ALTER TABLE accident_case ADD COLUMN review_requested_by text;

-- 64-bit difference hash (dHash) of the photo, for near-duplicates across cases; null when the
-- image cannot be decoded here (HEIC)
ALTER TABLE accident_photo ADD COLUMN dhash bigint;
CREATE INDEX accident_photo_sha256 ON accident_photo (sha256);

-- The determination (道路交通事故认定书, simplified procedure), one per decision; a decision
-- after review supersedes the earlier one, which stays verifiable as superseded.
CREATE TABLE accident_determination (
    id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    case_id           uuid NOT NULL REFERENCES accident_case (id),
    -- AgreementSeal's code over the document's canonical text (16 characters, no dashes)
    verification_code text NOT NULL UNIQUE,
    -- the document as issued: what the PDF prints and what the seal covers
    content           jsonb NOT NULL,
    created_at        timestamptz NOT NULL DEFAULT now(),
    superseded_at     timestamptz
);
CREATE INDEX accident_determination_case ON accident_determination (case_id, created_at);
