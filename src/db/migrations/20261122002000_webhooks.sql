-- Webhooks (docs/webhooks.md): subscriptions, one delivery per subscription × event (the unique
-- key that makes the outbox exactly-once), every attempt recorded, and the outbox's high-water mark.

CREATE TABLE webhook_subscriptions (
  id uuid PRIMARY KEY,
  url text NOT NULL,
  events text[] NOT NULL CHECK (cardinality(events) > 0),
  description text,
  -- Kept in the clear: we must produce the HMAC with it (a hash would not do). See docs/webhooks.md.
  secret text NOT NULL,
  active boolean NOT NULL DEFAULT true,
  version integer NOT NULL DEFAULT 1,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE webhook_deliveries (
  id uuid PRIMARY KEY,
  subscription_id uuid NOT NULL REFERENCES webhook_subscriptions (id),
  -- The audit event the webhook event was derived from; its id is the webhook event id.
  event_id uuid NOT NULL,
  event_kind text NOT NULL,
  customer_id uuid,
  payload jsonb NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
  attempts integer NOT NULL DEFAULT 0,
  -- The attempt number past which the delivery fails; a replay raises it by the retry budget.
  attempt_limit integer NOT NULL,
  next_attempt_at timestamptz,
  last_response_status integer,
  last_error text,
  delivered_at timestamptz,
  replays integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (subscription_id, event_id)
);
CREATE INDEX webhook_deliveries_subscription_idx ON webhook_deliveries (subscription_id, created_at DESC, id DESC);

CREATE TABLE webhook_delivery_attempts (
  id uuid PRIMARY KEY,
  delivery_id uuid NOT NULL REFERENCES webhook_deliveries (id),
  attempt integer NOT NULL,
  started_at timestamptz NOT NULL,
  duration_ms integer NOT NULL,
  response_status integer,
  error text,
  outcome text NOT NULL CHECK (outcome IN ('delivered', 'retry', 'failed')),
  UNIQUE (delivery_id, attempt)
);

-- One row: the audit_events.seq the outbox has read up to. Starts at the current end, so a new
-- installation does not send the whole history to its first subscriber.
CREATE TABLE webhook_outbox_state (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  high_water_seq bigint NOT NULL
);
INSERT INTO webhook_outbox_state (id, high_water_seq)
  SELECT true, coalesce(max(seq), 0) FROM audit_events;

-- The outbox reads only these actions after the mark: a small partial index instead of scanning
-- the whole trail (millions of rows) every run.
CREATE INDEX audit_events_webhook_source_idx ON audit_events (seq)
  WHERE action IN ('claim.registered', 'claim.decided', 'payment.status_changed',
                   'deadline.breached', 'case.opened', 'case.status_changed');
