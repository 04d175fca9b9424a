-- The optimizer's default time limit per run: 15 s is the shortest that reached within 1 % of
-- its 60 s result on the demo school (BENCHMARKS.md §4, time to quality). Schools keep a limit
-- they have stored; only the default for new rows changes.
ALTER TABLE bus_policy ALTER COLUMN solver_seconds SET DEFAULT 15;
