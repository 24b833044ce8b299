-- The desk's queue sorted by amount (src/modules/work/list-queue.ts, sort=amount) orders by
-- (-coalesce(amount_minor, -1), due_at, id): largest first, no amount last, keyset-paged with one
-- row comparison. No index had that order, so every page read and sorted the whole open queue
-- (73–92 ms a page for 100,000 items, docs/performance.md). These index the same expression, in the
-- same order, for the two queues the desk sorts (personal and team), partial on open like the
-- deadline indexes; PostgreSQL then reads the 51 rows of a page from the index and stops.
-- None of the columns is one the deadline sweep updates, so its updates stay HOT.
CREATE INDEX work_items_owner_amount_idx ON work_items (owner_id, (-coalesce(amount_minor, -1)), due_at, id)
  WHERE open;
CREATE INDEX work_items_team_amount_idx ON work_items (team, (-coalesce(amount_minor, -1)), due_at, id)
  WHERE open;
