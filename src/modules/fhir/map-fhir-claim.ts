import type { Language } from '../../db/schema.ts';
import type { FieldError } from '../../lib/errors.ts';
import type { NewClaim } from '../claims/index.ts';
import { arr, codes, isObj, type Obj, type Path, type Problem, str } from './fhir-json.ts';
import { currencyDigits, toMinorUnits } from './fhir-money.ts';
import { FULL_DATE, mapItem, serviceDateOf } from './map-fhir-item.ts';
import { mapCoverage, mapPatient, type PatientRef } from './map-fhir-references.ts';

export { currencyDigits, toMinorUnits } from './fhir-money.ts';
export type { PatientRef } from './map-fhir-references.ts';

// A FHIR R4 Claim (already valid against the official schema) → our NewClaim, as a pure function.
// What we cannot honour is refused with the element's path, never silently dropped: a claim for
// something we would not pay as sent is worse than a precise refusal (docs/fhir.md has the table).
// Paths are relative to the Claim (['item', 0, 'net']); codes are OperationOutcome issue codes.

export type MappedFhirClaim = {
  /** The Claim without who and which policy: those need the database. */
  claim: Omit<NewClaim, 'customerId' | 'policyId' | 'insuredPersonId'>;
  policyNumber: string;
  patient: PatientRef;
  identifier: { system: string; value: string } | null;
  itemSequences: number[];
  claimType: unknown;
  provider: unknown;
  language: Language | null;
  /** Where each NewClaim field came from: a refusal by registerClaim names the FHIR element. */
  sources: Record<string, Path>;
};

export type MapResult = { ok: true; value: MappedFhirClaim } | { ok: false; issues: FieldError[] };

const MAX_LINES = 200;

export function mapFhirClaim(resource: Obj): MapResult {
  const issues: FieldError[] = [];
  const problem = (path: Path, code: string, message: string) => {
    issues.push({ in: 'body', path, code, message });
  };
  const sources: Record<string, Path> = {};

  // FHIR's own rule: a modifier extension we do not understand changes the meaning; refuse it.
  if (arr(resource.modifierExtension).length > 0) {
    problem(['modifierExtension'], 'not-supported', 'Modifier extensions are not supported.');
  }
  if (resource.status === undefined) problem(['status'], 'required', 'Claim.status is required.');
  else if (resource.status !== 'active') {
    problem(['status'], 'not-supported', `Only active claims are taken, not "${String(resource.status)}".`);
  }
  if (resource.use === undefined) problem(['use'], 'required', 'Claim.use is required.');
  else if (resource.use !== 'claim') {
    problem(
      ['use'],
      'not-supported',
      `Only use "claim" is supported; "${String(resource.use)}" (pre-authorisation, pre-determination) is not.`,
    );
  }
  if (str(resource.created) === undefined) problem(['created'], 'required', 'Claim.created is required.');

  const identifier = mapIdentifier(resource, problem, sources);
  const policyNumber = mapCoverage(resource, problem, sources);
  const patient = mapPatient(resource, problem, sources);

  const payeeType = isObj(resource.payee) ? codes(resource.payee.type) : [];
  if (payeeType.some((c) => c !== 'subscriber' && c !== 'beneficiary')) {
    problem(
      ['payee', 'type'],
      'not-supported',
      `Claimdesk pays the policy holder's verified bank account; payee "${payeeType.join(', ')}" is not supported.`,
    );
  }

  const provider = isObj(resource.provider) ? resource.provider : {};
  const providerName =
    str(provider.display) ?? (isObj(provider.identifier) ? str(provider.identifier.value) : undefined);
  const items = arr(resource.item);
  if (items.length === 0)
    problem(['item'], 'required', 'At least one item is required: each becomes a claim line.');
  if (items.length > MAX_LINES) problem(['item'], 'too-costly', `At most ${MAX_LINES} items per claim.`);
  const lines: NewClaim['lines'] = [];
  const itemSequences: number[] = [];
  const itemDates: { date: string; path: Path }[] = [];
  items.slice(0, MAX_LINES).forEach((raw, i) => {
    const line = mapItem(raw, i, problem, sources, () => issues.length);
    if (!line) return;
    if (itemSequences.includes(line.sequence)) {
      problem(['item', i, 'sequence'], 'value', `Item sequence ${line.sequence} is used twice.`);
    }
    itemSequences.push(line.sequence);
    lines.push({
      benefitCode: line.benefitCode,
      description: line.description,
      serviceDate: line.serviceDate?.date ?? '',
      amountMinor: line.amountMinor,
      currency: line.currency,
      ...(providerName ? { provider: providerName.slice(0, 200) } : {}),
      ...(line.days !== undefined ? { days: line.days } : {}),
    });
  });

  items.slice(0, MAX_LINES).forEach((raw, i) => {
    const d = serviceDateOf(raw, i);
    if (d && FULL_DATE.test(d.date)) itemDates.push(d);
  });
  // The date of loss: the accident's date, else the start of the billable period, else the
  // earliest service date.
  const accident = isObj(resource.accident) ? resource.accident : undefined;
  const billable = isObj(resource.billablePeriod) ? resource.billablePeriod : undefined;
  let incident: { date: string; path: Path } | undefined;
  if (accident && str(accident.date)) incident = { date: String(accident.date), path: ['accident', 'date'] };
  else if (billable && str(billable.start)) {
    incident = { date: String(billable.start).slice(0, 10), path: ['billablePeriod', 'start'] };
  } else if (itemDates.length > 0) {
    incident = itemDates.reduce((a, b) => (b.date < a.date ? b : a));
  }
  if (!incident) {
    problem(
      ['billablePeriod'],
      'required',
      'No date of loss: give accident.date, billablePeriod.start or a servicedDate on the items.',
    );
  } else if (!FULL_DATE.test(incident.date)) {
    problem(incident.path, 'value', `"${incident.date}" is not a full date (YYYY-MM-DD).`);
  } else {
    sources.incidentDate = incident.path;
    for (const line of lines) if (line.serviceDate === '') line.serviceDate = incident.date;
  }

  const total = isObj(resource.total) ? resource.total : undefined;
  if (total && typeof total.value === 'number' && lines.length === items.length && lines.length > 0) {
    const currency = lines[0]?.currency ?? '';
    const digits = currencyDigits(currency);
    const minor = digits === null ? null : toMinorUnits(total.value, digits);
    const sum = lines.reduce((s, l) => s + l.amountMinor, 0);
    if (minor !== null && lines.every((l) => l.days === undefined) && minor !== sum) {
      problem(
        ['total', 'value'],
        'value',
        `The total ${total.value} is not the sum of the items' net amounts.`,
      );
    }
  }

  const country =
    accident && isObj(accident.locationAddress) ? str(accident.locationAddress.country) : undefined;
  const language = languageOf(resource.language);

  if (issues.length > 0 || !policyNumber || !patient || !incident) return { ok: false, issues };
  const externalRef = identifier ? `${identifier.system}|${identifier.value}` : undefined;
  const texts = lines.map((l) => l.description);
  return {
    ok: true,
    value: {
      claim: {
        incidentDate: incident.date.slice(0, 10),
        description: `FHIR Claim${externalRef ? ` ${externalRef}` : ''}: ${texts.join('; ')}`.slice(0, 5000),
        channel: 'api',
        lines,
        ...(externalRef ? { externalRef } : {}),
        ...(accident ? { cause: 'accident' } : {}),
        ...(country && /^[A-Z]{2}$/.test(country) ? { incidentCountry: country } : {}),
      },
      policyNumber,
      patient,
      identifier,
      itemSequences,
      claimType: resource.type,
      provider: resource.provider,
      language,
      sources,
    },
  };
}

function languageOf(v: unknown): Language | null {
  const primary = typeof v === 'string' ? v.toLowerCase().split('-')[0] : undefined;
  return primary === 'sv' || primary === 'it' || primary === 'en' ? primary : null;
}

function mapIdentifier(resource: Obj, problem: Problem, sources: Record<string, Path>) {
  const list = arr(resource.identifier);
  if (list.length === 0) return null;
  const index = list.findIndex((x) => isObj(x) && str(x.system) && str(x.value));
  const found = list[index];
  if (!isObj(found)) {
    problem(
      ['identifier', 0],
      'required',
      'A Claim.identifier needs both system and value (they make the claim unique).',
    );
    return null;
  }
  const identifier = { system: String(found.system), value: String(found.value) };
  if (identifier.system.length + identifier.value.length + 1 > 100) {
    problem(['identifier', index], 'value', 'system|value of the identifier must be at most 100 characters.');
  }
  sources.externalRef = ['identifier', index];
  return identifier;
}

/** A NewClaim field path (as registerClaim reports it) → the FHIR element it came from. */
export function fhirPathFor(sources: Record<string, Path>, path: readonly (string | number)[]): Path {
  for (let n = path.length; n > 0; n--) {
    const found = sources[path.slice(0, n).join('.')];
    if (found) return [...found];
  }
  return path[0] === 'lines' ? ['item'] : [];
}
