-- Password sign-in attempts per account (by username, known or not) and per client address,
-- kept here rather than in memory so the limit holds across restarts and across instances.
-- An attempt is counted when it begins and forgiven when it succeeds, so a burst of parallel
-- guesses is counted as it arrives.
CREATE TABLE sign_in_failure (
    scope           text NOT NULL CHECK (scope IN ('account', 'address')),
    subject         text NOT NULL,
    failures        integer NOT NULL CHECK (failures >= 0),
    last_failure_at timestamptz NOT NULL,
    locked_until    timestamptz,
    PRIMARY KEY (scope, subject)
);
