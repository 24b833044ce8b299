-- The deadline sweep rewrites a work item's row whenever one of its clocks crosses a threshold
-- (deadline_state, updated_at). Those columns are in none of the eight indexes on work_items, so
-- the update can be HOT (heap-only: no new index entries) — but only if the row's page has room
-- for the new version. At the default fillfactor (100) bulk-filled pages have none, and every
-- update adds an entry to each index. Leaving 10 % of each page free makes the warnings HOT: the
-- sweep's work_items update took 40 % of its former database time (bench/queue-bench.ts, 1,000,000
-- items). Applies to pages written from now on (a table rewrite, e.g. VACUUM FULL, applies it to
-- all); costs about a tenth more heap, no index space.
ALTER TABLE work_items SET (fillfactor = 90);
