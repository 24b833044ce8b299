import { arr, isObj, type Obj, type Path, type Problem, str } from './fhir-json.ts';
import { SYSTEM } from './fhir-systems.ts';

// Claim.insurance[0].coverage → our policy number, Claim.patient → who the patient is: by a
// contained resource ("#id") or by identifier. We hold no Coverage or Patient resources, so a
// reference into the sender's server cannot be resolved and is refused with its path.

export type PatientRef =
  | { kind: 'customer_number'; value: string }
  | { kind: 'national_id'; country: 'SE' | 'IT'; value: string };

/** A contained resource by local reference ('#id'), or undefined. */
function contained(resource: Obj, ref: string, type: string): { value: Obj; index: number } | undefined {
  const list = arr(resource.contained);
  const index = list.findIndex((c) => isObj(c) && c.resourceType === type && `#${String(c.id)}` === ref);
  const value = list[index];
  return isObj(value) ? { value, index } : undefined;
}

export function mapCoverage(
  resource: Obj,
  problem: Problem,
  sources: Record<string, Path>,
): string | undefined {
  const insurance = arr(resource.insurance);
  if (insurance.length === 0) {
    problem(['insurance'], 'required', 'One insurance entry naming the policy is required.');
    return undefined;
  }
  if (insurance.length > 1) {
    problem(
      ['insurance', 1],
      'not-supported',
      'Only one insurance (our policy) is supported; coordination of benefits is not.',
    );
  }
  const first = insurance[0];
  const at: Path = ['insurance', 0, 'coverage'];
  const coverage = isObj(first) && isObj(first.coverage) ? first.coverage : undefined;
  if (!coverage) {
    problem(at, 'required', 'The coverage reference is required.');
    return undefined;
  }
  sources.policyId = at;
  const reference = str(coverage.reference);
  if (reference?.startsWith('#')) {
    const found = contained(resource, reference, 'Coverage');
    if (!found) {
      problem([...at, 'reference'], 'not-found', `No contained Coverage with id "${reference.slice(1)}".`);
      return undefined;
    }
    const number = policyNumberIn(arr(found.value.identifier));
    if (!number) {
      problem(
        ['contained', found.index, 'identifier'],
        'required',
        `The contained Coverage needs an identifier with system ${SYSTEM.policyNumber} (our policy number).`,
      );
    }
    return number;
  }
  if (reference) {
    problem(
      [...at, 'reference'],
      'not-supported',
      `"${reference}" cannot be resolved: Claimdesk holds no Coverage resources. Reference a contained ` +
        `Coverage ("#id") or give coverage.identifier with system ${SYSTEM.policyNumber}.`,
    );
    return undefined;
  }
  const number = isObj(coverage.identifier) ? policyNumberIn([coverage.identifier]) : undefined;
  if (!number) {
    problem(
      [...at, 'identifier'],
      'required',
      `Give the policy number as coverage.identifier with system ${SYSTEM.policyNumber}.`,
    );
  }
  return number;
}

function policyNumberIn(identifiers: unknown[]): string | undefined {
  for (const x of identifiers) {
    if (isObj(x) && x.system === SYSTEM.policyNumber && str(x.value)) return String(x.value).trim();
  }
  return undefined;
}

const PATIENT_SYSTEMS: Record<string, (value: string) => PatientRef> = {
  [SYSTEM.customerNumber]: (value) => ({ kind: 'customer_number', value }),
  [SYSTEM.sePersonnummer]: (value) => ({ kind: 'national_id', country: 'SE', value }),
  [SYSTEM.itCodiceFiscale]: (value) => ({ kind: 'national_id', country: 'IT', value }),
};

function patientIn(identifiers: unknown[]): PatientRef | undefined {
  for (const x of identifiers) {
    if (!isObj(x) || typeof x.system !== 'string' || !str(x.value)) continue;
    const make = PATIENT_SYSTEMS[x.system];
    if (make) return make(String(x.value).trim());
  }
  return undefined;
}

export function mapPatient(
  resource: Obj,
  problem: Problem,
  sources: Record<string, Path>,
): PatientRef | undefined {
  const at: Path = ['patient'];
  const patient = isObj(resource.patient) ? resource.patient : undefined;
  if (!patient) {
    problem(at, 'required', 'The patient reference is required.');
    return undefined;
  }
  sources.customerId = at;
  sources.insuredPersonId = at;
  const how =
    `Identify the patient by our customer number (${SYSTEM.customerNumber}), a Swedish personnummer ` +
    `(${SYSTEM.sePersonnummer}) or an Italian codice fiscale (${SYSTEM.itCodiceFiscale}).`;
  const reference = str(patient.reference);
  if (reference?.startsWith('#')) {
    const found = contained(resource, reference, 'Patient');
    if (!found) {
      problem([...at, 'reference'], 'not-found', `No contained Patient with id "${reference.slice(1)}".`);
      return undefined;
    }
    const ref = patientIn(arr(found.value.identifier));
    if (!ref) problem(['contained', found.index, 'identifier'], 'required', how);
    return ref;
  }
  if (reference) {
    problem(
      [...at, 'reference'],
      'not-supported',
      `"${reference}" cannot be resolved: Claimdesk holds no Patient resources. ${how}`,
    );
    return undefined;
  }
  const ref = isObj(patient.identifier) ? patientIn([patient.identifier]) : undefined;
  if (!ref) problem([...at, 'identifier'], 'required', how);
  return ref;
}
