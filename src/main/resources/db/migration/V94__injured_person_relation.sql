-- Who is hurt, as people say it (issue 15): how the injured person is related to the applicant,
-- and their resident ID number when the applicant gives it. Both are optional for the API (an
-- officer opening an application at the scene may not know them); the ID number is checked in
-- full (its check character) by the application before it is stored, and shown masked to
-- everyone but the police, the payers and the hospital of the application.
ALTER TABLE advance_application
    ADD COLUMN injured_relation text
        CHECK (injured_relation IN ('SELF', 'SPOUSE', 'CHILD', 'PARENT', 'OTHER')),
    ADD COLUMN injured_id_number text CHECK (injured_id_number ~ '^[0-9]{17}[0-9X]$');
