import { z } from 'zod';
import { canonicalJson } from '../../lib/canonical-json.ts';
import { deadlinePoliciesInForce, deadlinePolicyShipped } from '../deadlines/index.ts';
import { LocalizedSchema } from '../products/product-config-schema.ts';
import type { Actor } from '../users/actor.ts';
import { assertCan } from '../users/permissions.ts';

// The deadline policies as the engine applies them right now: the shipped ones with whatever the
// operator configured at start-up (configureDeadlinePolicies) and the clocks an administrator set
// (edit-deadline-settings.ts). The law's deadlines change in code; a company's own promises here.

const Unit = z.enum(['calendar_days', 'calendar_months', 'business_days', 'business_hours']);

export const DeadlinePolicyViewSchema = z
  .object({
    code: z.string(),
    workKind: z.enum(['claim', 'service_case', 'complaint', 'referral', 'payment']),
    jurisdiction: z.enum(['SE', 'IT']).nullable().describe('null: an internal service level'),
    label: LocalizedSchema,
    source: z.string().describe('the legal or internal source'),
    clock: z.object({ unit: Unit, amount: z.number().int() }),
    pausesWhileAwaitingCustomer: z.boolean(),
    rollForwardToBusinessDay: z.boolean(),
    warnAtShares: z.array(z.number()).describe('warn when this share of the time has passed'),
    secondEscalationAfter: z.object({
      unit: z.enum(['business_days', 'business_hours', 'calendar_days']),
      amount: z.number().int(),
    }),
    configurable: z.boolean().describe('a company promise an operator may configure (never the law)'),
    configured: z.boolean().describe('differs from the shipped policy because of the configuration'),
    version: z
      .number()
      .int()
      .describe(
        'The administrator’s edits so far (0: none); send it back with PATCH /deadline-policies/{code}',
      ),
  })
  .meta({ id: 'DeadlinePolicyView' });

export type DeadlinePolicyView = z.infer<typeof DeadlinePolicyViewSchema>;

export function listDeadlinePolicies(opts: {
  actor: Actor;
  versions?: ReadonlyMap<string, number>;
}): DeadlinePolicyView[] {
  assertCan(opts.actor, 'settings:read');
  return deadlinePoliciesInForce().map((p) => ({
    code: p.code,
    workKind: p.workKind,
    jurisdiction: p.jurisdiction,
    label: p.label,
    source: p.source,
    clock: p.clock,
    pausesWhileAwaitingCustomer: p.pausesWhileAwaitingCustomer,
    rollForwardToBusinessDay: p.rollForwardToBusinessDay,
    warnAtShares: [...p.warnAtShares],
    secondEscalationAfter: p.secondEscalationAfter,
    configurable: p.configurable === true,
    configured:
      canonicalJson({ ...p, configurable: undefined }) !==
      canonicalJson({ ...deadlinePolicyShipped(p.code), configurable: undefined }),
    version: opts.versions?.get(p.code) ?? 0,
  }));
}
