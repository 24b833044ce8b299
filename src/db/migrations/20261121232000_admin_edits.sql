-- Administrators edit the deadline configuration from the desk (issue 8): the clock of a
-- configurable deadline policy (a company promise; the law's deadlines stay in code) and the extra
-- non-working days of a country's business calendar. Rows here are applied on top of the shipped
-- configuration by every server process at start and at once by the one that takes the edit
-- (src/modules/admin-config/admin-deadline-settings.ts).
CREATE TABLE deadline_policy_settings (
  code text PRIMARY KEY,
  clock_unit text NOT NULL CHECK (clock_unit IN ('calendar_days', 'business_days', 'business_hours')),
  clock_amount integer NOT NULL CHECK (clock_amount BETWEEN 1 AND 365),
  version integer NOT NULL DEFAULT 1,
  updated_by uuid REFERENCES users (id),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE business_calendar_closed_days (
  country text NOT NULL CHECK (country IN ('SE', 'IT')),
  day date NOT NULL,
  reason text NOT NULL,
  added_by uuid REFERENCES users (id),
  added_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (country, day)
);
