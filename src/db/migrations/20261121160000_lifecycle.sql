-- Lifecycle: the whole claim lifecycle, the organisation around it (teams, reporting lines, skills,
-- authority limits), work items that put claims in queues, legal and service deadlines with their
-- alerts, escalations, requests for information, and notifications to staff and customers.
-- Forward-only. customer_id on every customer-owned row: tables are distributed by customer.

ALTER TABLE claims DROP CONSTRAINT claims_status_check;
ALTER TABLE claims ADD CONSTRAINT claims_status_check CHECK (status IN (
  'registered', 'in_review', 'awaiting_information', 'escalated',
  'approved', 'partially_approved', 'denied', 'appealed', 'paid', 'closed', 'withdrawn'));
ALTER TABLE claims ADD COLUMN status_changed_at timestamptz NOT NULL DEFAULT now();

-- Reporting line (an owner's supervisor, their manager) and routing skills.
ALTER TABLE users
  ADD COLUMN manager_id uuid REFERENCES users (id),
  ADD COLUMN languages text[] NOT NULL DEFAULT '{}',        -- languages they serve customers in
  ADD COLUMN product_skills text[] NOT NULL DEFAULT '{}',   -- product codes they handle ('{}': any)
  ADD COLUMN last_assigned_at timestamptz;                  -- round-robin: the longest-idle goes first

-- Teams and the products they handle; a claim is routed to the team of its product and country.
CREATE TABLE teams (
  code text PRIMARY KEY,
  name text NOT NULL,
  department text,
  country text CHECK (country ~ '^[A-Z]{2}$'),
  product_codes text[] NOT NULL DEFAULT '{}',               -- '{}': any product
  created_at timestamptz NOT NULL DEFAULT now()
);

-- What a role, or one user, may decide: up to an amount per product and currency, for some causes.
-- A user's own row wins over their role's. Four-eyes: a claim the decider registered may be decided
-- by them only up to own_registration_max_minor.
CREATE TABLE authority_limits (
  id uuid PRIMARY KEY,
  role text CHECK (role IN ('representative', 'supervisor', 'department_agent', 'administrator')),
  user_id uuid REFERENCES users (id),
  product_code text,                                        -- NULL: any product
  currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  max_amount_minor bigint NOT NULL CHECK (max_amount_minor >= 0),
  causes text[],                                            -- claim types (causes) allowed; NULL: any
  may_deny boolean NOT NULL DEFAULT true,
  own_registration_max_minor bigint NOT NULL DEFAULT 0 CHECK (own_registration_max_minor >= 0),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((role IS NULL) <> (user_id IS NULL))
);
CREATE UNIQUE INDEX authority_limits_subject_idx ON authority_limits
  (coalesce(role, ''), coalesce(user_id::text, ''), coalesce(product_code, ''), currency);

-- Decisions: an appeal adds a new decision and supersedes the old one (history kept); at most one
-- current decision per claim, enforced here so that no code path can leave two.
ALTER TABLE claim_decisions DROP CONSTRAINT claim_decisions_claim_id_key;
ALTER TABLE claim_decisions
  ADD COLUMN decision_no integer NOT NULL DEFAULT 1 CHECK (decision_no > 0),
  ADD COLUMN reason_codes text[] NOT NULL DEFAULT '{}',
  ADD COLUMN clauses text[] NOT NULL DEFAULT '{}',
  ADD COLUMN line_amounts jsonb,                            -- [{ lineNo, payableMinor }] decided by a person
  ADD COLUMN comment text,
  ADD COLUMN escalation_id uuid,
  ADD COLUMN superseded_at timestamptz,
  ADD COLUMN accumulator_deltas jsonb NOT NULL DEFAULT '[]';   -- [{ key, amountMinor }] this decision added
ALTER TABLE claim_decisions ADD CONSTRAINT claim_decisions_claim_no_key UNIQUE (claim_id, decision_no);
CREATE UNIQUE INDEX claim_decisions_current_idx ON claim_decisions (claim_id) WHERE superseded_at IS NULL;

-- A piece of work in a queue (claims now; service cases share it later). Queue order is deadline
-- first, then priority (1 most urgent), then id, all ascending, so keyset pagination is one row
-- comparison on an index. due_at is never NULL: 9999-12-31 means "no running deadline".
CREATE TABLE work_items (
  id uuid PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('claim')),
  subject_id uuid NOT NULL,
  customer_id uuid NOT NULL REFERENCES customers (id),
  reference text NOT NULL,                                  -- the claim number
  summary text NOT NULL,
  subject_status text NOT NULL,
  open boolean NOT NULL DEFAULT true,
  owner_id uuid REFERENCES users (id),
  team text,
  department text,
  escalated_to uuid REFERENCES users (id),
  escalation_level smallint NOT NULL DEFAULT 0,
  priority smallint NOT NULL DEFAULT 3 CHECK (priority BETWEEN 1 AND 5),
  due_at timestamptz NOT NULL DEFAULT '9999-12-31T00:00:00Z',
  deadline_state text NOT NULL DEFAULT 'none'
    CHECK (deadline_state IN ('none', 'on_track', 'warning', 'breached', 'paused')),
  language text NOT NULL CHECK (language IN ('sv', 'it', 'en')),
  product_code text NOT NULL,
  amount_minor bigint,
  currency text,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (kind, subject_id)
);
CREATE INDEX work_items_owner_queue_idx ON work_items (owner_id, due_at, priority, id) WHERE open;
CREATE INDEX work_items_team_queue_idx ON work_items (team, due_at, priority, id) WHERE open;
CREATE INDEX work_items_unassigned_queue_idx ON work_items (team, due_at, priority, id)
  WHERE open AND owner_id IS NULL;
CREATE INDEX work_items_department_queue_idx ON work_items (department, due_at, priority, id) WHERE open;
CREATE INDEX work_items_escalated_queue_idx ON work_items (escalated_to, due_at, priority, id)
  WHERE open AND escalated_to IS NOT NULL;
CREATE INDEX work_items_customer_idx ON work_items (customer_id);

-- One clock per work item and deadline policy (src/modules/deadlines). The sweep reads only rows
-- whose next threshold has passed (next_check_at), so its cost follows what is due, not what is open.
CREATE TABLE deadlines (
  id uuid PRIMARY KEY,
  work_item_id uuid NOT NULL REFERENCES work_items (id),
  customer_id uuid NOT NULL,
  policy_code text NOT NULL,
  calendar text NOT NULL CHECK (calendar IN ('SE', 'IT')),
  started_at timestamptz NOT NULL,
  pauses jsonb NOT NULL DEFAULT '[]',                       -- [{ from, to|null }] ISO instants
  status text NOT NULL CHECK (status IN ('running', 'paused', 'met', 'cancelled')),
  due_at timestamptz,                                       -- NULL while paused
  next_check_at timestamptz,                                -- next threshold; NULL when none is ahead
  stage_reached smallint NOT NULL DEFAULT 0,
  state text NOT NULL CHECK (state IN ('on_track', 'warning', 'breached', 'paused')),
  stopped_at timestamptz,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now()
);
-- One live clock per item and policy; a reopened item (appeal) starts a new one, the old kept.
CREATE UNIQUE INDEX deadlines_live_idx ON deadlines (work_item_id, policy_code)
  WHERE status IN ('running', 'paused');
CREATE INDEX deadlines_sweep_idx ON deadlines (next_check_at)
  WHERE status = 'running' AND next_check_at IS NOT NULL;
CREATE INDEX deadlines_work_item_idx ON deadlines (work_item_id);

-- Each threshold a deadline crosses, exactly once (the unique key is the guarantee, not the code).
CREATE TABLE deadline_alerts (
  id uuid PRIMARY KEY,
  deadline_id uuid NOT NULL REFERENCES deadlines (id),
  work_item_id uuid NOT NULL REFERENCES work_items (id),
  customer_id uuid NOT NULL,
  stage smallint NOT NULL CHECK (stage > 0),
  kind text NOT NULL CHECK (kind IN ('warning', 'breach', 'second_escalation')),
  notified_user_id uuid REFERENCES users (id),
  occurred_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (deadline_id, stage)
);

-- A claim handed to a supervisor: above the decider's authority, four-eyes, by choice, or by a
-- breached deadline. proposal is the representative's recommended decision, kept as they made it.
CREATE TABLE claim_escalations (
  id uuid PRIMARY KEY,
  claim_id uuid NOT NULL REFERENCES claims (id),
  customer_id uuid NOT NULL,
  reason text NOT NULL CHECK (reason IN ('above_authority', 'cause_not_authorised', 'deny_not_authorised',
    'four_eyes_own_registration', 'four_eyes_related_customer', 'manual')),
  comment text,
  proposal jsonb,
  escalated_by uuid REFERENCES users (id),
  escalated_to uuid REFERENCES users (id),
  status text NOT NULL CHECK (status IN ('open', 'decided', 'returned')),
  resolved_by uuid REFERENCES users (id),
  resolved_at timestamptz,
  resolution_comment text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX claim_escalations_open_idx ON claim_escalations (claim_id) WHERE status = 'open';

-- What the claim waits for from the customer. At most one open request per claim.
CREATE TABLE information_requests (
  id uuid PRIMARY KEY,
  claim_id uuid NOT NULL REFERENCES claims (id),
  customer_id uuid NOT NULL,
  items jsonb NOT NULL,                                     -- [{ kind: 'document', document } | { kind: 'question', text }]
  channel text NOT NULL CHECK (channel IN ('portal', 'email', 'letter')),
  due_on date NOT NULL,                                     -- final day for the answer, customer's time zone
  requested_by uuid REFERENCES users (id),                  -- NULL: the assessment asked
  status text NOT NULL CHECK (status IN ('open', 'answered', 'expired', 'cancelled')),
  reminders_sent smallint NOT NULL DEFAULT 0,
  answered_at timestamptz,
  answer_channel text CHECK (answer_channel IN ('portal', 'email', 'letter', 'phone')),
  answer jsonb,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX information_requests_open_idx ON information_requests (claim_id) WHERE status = 'open';

-- Messages to staff (in the app) and to customers (portal, email, letter: sent by the channels
-- issue; until then they wait here as the outbox). dedupe_key makes every notice exactly-once.
CREATE TABLE notifications (
  id uuid PRIMARY KEY,
  audience text NOT NULL CHECK (audience IN ('staff', 'customer')),
  user_id uuid REFERENCES users (id),
  customer_id uuid REFERENCES customers (id),
  channel text NOT NULL CHECK (channel IN ('in_app', 'portal', 'email', 'letter')),
  kind text NOT NULL,
  language text NOT NULL CHECK (language IN ('sv', 'it', 'en')),
  subject text NOT NULL,
  body text NOT NULL,
  entity_type text,
  entity_id uuid,
  dedupe_key text UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  read_at timestamptz,
  CHECK ((audience = 'staff') = (user_id IS NOT NULL))
);
CREATE INDEX notifications_user_idx ON notifications (user_id, created_at DESC) WHERE user_id IS NOT NULL;
CREATE INDEX notifications_customer_idx ON notifications (customer_id, created_at DESC);
