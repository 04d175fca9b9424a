-- The coordinator desk registers what schools export (issue 13): a bus's plate and its driver,
-- a household's address and the names of the students who ride. A household imported with an
-- address and no coordinates waits for the coordinator to pin it on the map: it has no
-- position yet and is left out of planning until it does.
ALTER TABLE bus_vehicle
    ADD COLUMN plate        text,
    ADD COLUMN driver_name  text,
    ADD COLUMN driver_phone text;

ALTER TABLE bus_household
    ADD COLUMN address       text,
    ADD COLUMN student_names text,
    ALTER COLUMN lat DROP NOT NULL,
    ALTER COLUMN lon DROP NOT NULL,
    ADD CONSTRAINT bus_household_position_whole CHECK ((lat IS NULL) = (lon IS NULL)),
    ADD CONSTRAINT bus_household_findable CHECK (lat IS NOT NULL OR address IS NOT NULL);
