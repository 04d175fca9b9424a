-- The plates index (GIN) took new entries into a pending list by default (fastupdate), merged
-- into the index later. Every report searches it twice (the repeated-report query and the plate
-- counts), and a GIN search reads the whole pending list: up to gin_pending_list_limit (4 MB) of
-- entries under a steady stream of reports, and then one report's insert merged all of them
-- while it waited. Entered at once, the insert costs a little more every time and a search
-- reads only the index (BENCHMARKS.md section 9).
ALTER INDEX accident_case_plates SET (fastupdate = off);
