-- Durable background jobs (docs/decisions/0006-job-queue.md, src/jobs/README.md). A job is
-- inserted in the transaction of the change that causes it, so it exists iff that change committed.
--
-- Life of a row: queued → running (claimed: attempts + 1, committed before the handler starts, so
-- a worker that crashes still uses up an attempt) → done (in the handler's own transaction), or
-- back to queued with a later run_at after an error, or failed once max_attempts are spent.
-- Failed rows are kept for people to see and re-queue; nothing is dropped silently.
CREATE TABLE jobs (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind text NOT NULL,
  payload jsonb NOT NULL DEFAULT '{}',
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed')),
  -- When this attempt is due (scheduled time, or the backoff after a failed attempt).
  run_at timestamptz NOT NULL DEFAULT now(),
  attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  max_attempts integer NOT NULL DEFAULT 5 CHECK (max_attempts >= 1),
  last_error text,
  -- Idempotent enqueue: a second job with the same key is not inserted (NULLs never conflict).
  unique_key text UNIQUE,
  -- The lease of a running job. While its worker is alive it also holds the row lock, so other
  -- workers skip it (SKIP LOCKED) however long the handler takes; the lease only decides when a
  -- running row whose worker vanished is taken over.
  locked_by text,
  locked_until timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  -- When a worker should next look at the row: its run_at while queued, its lease expiry while
  -- running. One column, so the claim query is one ordered scan of one partial index.
  due_at timestamptz GENERATED ALWAYS AS (CASE WHEN status = 'running' THEN locked_until ELSE run_at END) STORED,
  CHECK (status <> 'running' OR (locked_by IS NOT NULL AND locked_until IS NOT NULL))
);

-- The claim query: WHERE status IN ('queued', 'running') AND due_at <= now() ORDER BY due_at, id.
-- Done and failed rows (the bulk of the table over time) are not in it.
CREATE INDEX jobs_claim_idx ON jobs (due_at, id) WHERE status IN ('queued', 'running');
-- Operators look for failed jobs by kind.
CREATE INDEX jobs_failed_idx ON jobs (kind, finished_at) WHERE status = 'failed';
