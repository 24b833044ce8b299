import type { Transaction } from 'kysely';
import { createDepartment } from '../../modules/departments/index.ts';
import { systemActor } from '../../modules/users/index.ts';
import type { DB, Localized } from '../schema.ts';
import { DEMO_EMAIL_DOMAIN } from './demo-people.ts';

// The departments a representative refers questions to (issue 5), each staffed in demo-people.ts
// by an agent and a supervisor (users.department = the code). The supervisor receives the
// department's breached referral deadlines. Created through the same use case as the API.

export const DEMO_DEPARTMENTS: readonly { code: string; name: Localized; supervisor: string }[] = [
  {
    code: 'payments',
    name: { sv: 'Utbetalningar', it: 'Pagamenti', en: 'Payments' },
    supervisor: 'payments.supervisor',
  },
  {
    code: 'renewals',
    name: { sv: 'Förnyelse och riskbedömning', it: 'Rinnovi e assunzione', en: 'Renewals and underwriting' },
    supervisor: 'renewals.supervisor',
  },
  {
    code: 'policy_admin',
    name: { sv: 'Försäkringsadministration', it: 'Gestione polizze', en: 'Policy administration' },
    supervisor: 'policyadmin.supervisor',
  },
  {
    code: 'medical_expert',
    name: { sv: 'Medicinsk rådgivning', it: 'Consulenza medica', en: 'Medical expert' },
    supervisor: 'medical.supervisor',
  },
  {
    code: 'legal_fraud',
    name: { sv: 'Juridik och bedrägeriutredning', it: 'Legale e antifrode', en: 'Legal and fraud' },
    supervisor: 'legal.supervisor',
  },
];

const SEED_ACTOR = systemActor('demo-seed');

/** Creates the demo departments; call after the demo users exist. Returns how many. */
export async function seedDemoDepartments(
  trx: Transaction<DB>,
  usersByEmail: ReadonlyMap<string, string>,
): Promise<number> {
  for (const d of DEMO_DEPARTMENTS) {
    const supervisorId = usersByEmail.get(`${d.supervisor}@${DEMO_EMAIL_DOMAIN}`);
    if (!supervisorId) throw new Error(`demo departments: no user ${d.supervisor}`);
    await createDepartment({
      db: trx,
      actor: SEED_ACTOR,
      input: { code: d.code, name: d.name, supervisorId, active: true },
    });
  }
  return DEMO_DEPARTMENTS.length;
}
