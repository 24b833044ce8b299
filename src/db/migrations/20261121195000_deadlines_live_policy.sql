-- Start-up realigns the live clocks of configurable policies (a changed CLAIMDESK_SE_COMPLAINT_DAYS):
-- find them by policy without reading every clock (claims' clocks outnumber complaints' by far).
CREATE INDEX deadlines_live_policy_idx ON deadlines (policy_code) WHERE status IN ('running', 'paused');
