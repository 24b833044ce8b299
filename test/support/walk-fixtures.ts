import { newId } from '../../src/lib/ids.ts';
import { claimBody, PAST_DATE } from '../api/api-helpers.ts';
import { makeCustomer, makeInsuredWithAuthority } from './factories.ts';
import { type Session, testApp } from './test-app.ts';
import { testDatabase } from './test-database.ts';

// Records the OpenAPI walks (concurrency, idempotency, route matrix) build through the real API,
// so that a walked request meets a record in a state where it would succeed.

export type Created = Record<string, unknown> & { id: string; version: number };

/** A fixture write through the API; anything but a success stops the test that needed it. */
export async function post(
  session: Session,
  url: string,
  payload: Record<string, unknown>,
): Promise<Created> {
  const app = await testApp();
  const res = await app.inject({ method: 'POST', url, headers: session.headers, payload });
  if (res.statusCode >= 300) throw new Error(`fixture POST ${url}: ${res.statusCode} ${res.body}`);
  return res.json() as Created;
}

/** The most a representative may decide on, for the products these fixtures make. */
const REP_MAX = 5_000_000;

/** A customer with a paid-up policy on a fresh product that representatives may decide on. */
export async function insured() {
  const { db } = await testDatabase();
  return makeInsuredWithAuthority(db, { maxMinor: REP_MAX });
}

/** A claim in review registered by `clerk` (not the walked caller, so no four-eyes rule gets in the way). */
export async function claimInReview(clerk: Session) {
  const { customer, policy } = await insured();
  const claim = await post(
    clerk,
    '/claims',
    claimBody(customer.id, policy.id, {
      cause: 'illness',
      documents: ['receipt'],
      lines: [
        {
          benefitCode: 'MEDICAL_EXPENSES',
          description: 'Clinic visit',
          serviceDate: PAST_DATE,
          amountMinor: 800_000,
          currency: 'SEK',
        },
      ],
    }),
  );
  if (claim.status !== 'in_review') throw new Error(`claim not in review: ${claim.status}`);
  return { customer, policy, claim };
}

/** A department with no supervisor, under `code`. */
export async function insertDepartment(code: string): Promise<string> {
  const { db } = await testDatabase();
  await db
    .insertInto('departments')
    .values({
      id: newId(),
      code,
      name: JSON.stringify({ sv: `Avd ${code}`, it: `Rep ${code}`, en: `Dept ${code}` }),
      supervisor_id: null,
    } as never)
    .execute();
  return code;
}

/** An open service case of a new customer, opened by `session`. */
export async function serviceCase(session: Session): Promise<Created> {
  const { db } = await testDatabase();
  const customer = await makeCustomer(db);
  return post(session, '/cases', {
    customerId: customer.id,
    kind: 'general_inquiry',
    subject: 'Where is my money?',
    description: 'The reimbursement has not arrived.',
  });
}

/** The body of a complaint about a claim decision, as a representative registers it. */
export function complaintInput(customerId: string): Record<string, unknown> {
  return {
    customerId,
    causeCategory: 'claim_decision',
    channel: 'phone',
    description: 'The claim was refused.',
    requestedRemedy: 'Pay the claim',
  };
}

/** A complaint of a new customer, registered by `clerk` and awaiting its final answer. */
export async function openComplaint(clerk: Session): Promise<Created> {
  const { db } = await testDatabase();
  const customer = await makeCustomer(db);
  return post(clerk, '/complaints', complaintInput(customer.id));
}
