import { parseIsoDay } from '../../lib/day-number.ts';
import { type AccumulatorKind, accumulatorKey } from './accumulator-keys.ts';
import type { AssessmentInput } from './assessment-types.ts';

// Before any rule runs: is the input the shape the contract promises? Callers build the input
// from validated database rows, so a failure here is a bug or corrupt data, not a customer's
// mistake. It throws, and assessClaim turns that into `refer` with reason `engine_error` — the
// engine never guesses an answer from garbage. (Customer-fixable mistakes — future dates,
// negative amounts, totals that do not add up, wrong currency — are the validation reasons of
// validate-claim.ts instead.)
//
// Decisions (not spelled out in docs/assessment.md):
// - a claim without lines, duplicate line numbers, a non-integer or unsafe amount/total, an
//   unparsable date, or a daily-benefit line without a positive whole number of days is malformed;
// - an unknown language is malformed too (the explanation is then in English).

export type InputDays = {
  incident: number;
  registered: number;
  birth: number;
  startsOn: number;
  endsOn: number;
  /** The service date of each claim line, in the order of `claim.lines` (parsed once, here). */
  serviceDays: number[];
};

const POLICY_STATUSES: ReadonlySet<unknown> = new Set(['active', 'cancelled', 'expired']);
const PREMIUM_STATES: ReadonlySet<unknown> = new Set(['paid', 'grace_period', 'overdue', 'lapsed']);
const LANGUAGES: ReadonlySet<unknown> = new Set(['sv', 'it', 'en']);

export class MalformedInputError extends Error {
  override name = 'MalformedInputError';
}

function fail(message: string): never {
  throw new MalformedInputError(message);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

function day(value: unknown, field: string): number {
  const d = parseIsoDay(value);
  if (Number.isNaN(d)) fail(`${field} is not a YYYY-MM-DD date`);
  return d;
}

function isSafeInt(v: unknown): v is number {
  return Number.isSafeInteger(v);
}

function isStringOrNull(v: unknown): boolean {
  return v === null || typeof v === 'string';
}

const SMALL_CLAIM_LINES = 16;

/** Whether an earlier line (all already checked to be objects with a safe-integer lineNo) has lineNo. */
function isRepeated(lines: readonly unknown[], i: number, lineNo: number, seen: Set<number> | null): boolean {
  if (seen !== null) {
    if (seen.has(lineNo)) return true;
    seen.add(lineNo);
    return false;
  }
  for (let j = 0; j < i; j++) if ((lines[j] as { lineNo: number }).lineNo === lineNo) return true;
  return false;
}

/** Throws MalformedInputError unless the input has the contract's shape; returns parsed dates. */
export function checkInputShape(input: AssessmentInput, dailyBenefitCode: string | null): InputDays {
  if (!isObject(input)) fail('input is not an object');
  const { claim, policy, accumulators, priorClaims } = input;
  if (!LANGUAGES.has(input.language)) fail('unknown language');
  if (!isObject(claim)) fail('claim is not an object');
  if (!isObject(policy)) fail('policy is not an object');
  if (!isObject(accumulators)) fail('accumulators is not an object');
  if (!Array.isArray(priorClaims)) fail('priorClaims is not a list');

  if (typeof claim.id !== 'string' || typeof claim.insuredPersonId !== 'string') fail('claim ids');
  if (typeof claim.currency !== 'string') fail('claim currency');
  if (!isSafeInt(claim.totalClaimedMinor)) fail('claim total is not a whole number of minor units');
  if (!isStringOrNull(claim.cause) || !isStringOrNull(claim.incidentCountry)) fail('claim cause/country');
  if (typeof claim.preExistingCondition !== 'boolean') fail('claim preExistingCondition');
  const documents = claim.documents;
  if (!Array.isArray(documents)) fail('claim documents is not a list');
  for (const d of documents) if (typeof d !== 'string') fail('claim document kind');
  const incident = day(claim.incidentDate, 'incidentDate');
  const registered = day(claim.registeredOn, 'registeredOn');
  const birth = day(claim.insuredBirthDate, 'insuredBirthDate');
  const startsOn = day(policy.startsOn, 'policy startsOn');
  const endsOn = day(policy.endsOn, 'policy endsOn');

  const lines = claim.lines;
  if (!Array.isArray(lines) || lines.length === 0) fail('claim has no lines');
  const serviceDays: number[] = new Array(lines.length);
  let sum = 0;
  // Repeated line numbers: a Set only for long claims (most have a handful of lines, compared in place).
  const seen = lines.length > SMALL_CLAIM_LINES ? new Set<number>() : null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (!isObject(line)) fail('claim line is not an object');
    if (!isSafeInt(line.lineNo) || isRepeated(lines, i, line.lineNo, seen)) {
      fail('claim line number missing or repeated');
    }
    if (typeof line.benefitCode !== 'string' || typeof line.currency !== 'string') fail('claim line codes');
    if (!isStringOrNull(line.provider)) fail('claim line provider');
    if (!isSafeInt(line.amountMinor)) fail('claim line amount is not a whole number of minor units');
    serviceDays[i] = day(line.serviceDate, 'serviceDate');
    if (line.benefitCode === dailyBenefitCode) {
      if (!isSafeInt(line.days) || line.days < 1) fail('daily-benefit line without a number of days');
    } else {
      if (line.days !== null && line.days !== undefined && !isSafeInt(line.days)) fail('claim line days');
      sum += Math.abs(line.amountMinor);
    }
  }
  if (!Number.isSafeInteger(sum)) fail('claim line amounts overflow');

  if (typeof policy.id !== 'string' || typeof policy.currency !== 'string') fail('policy id/currency');
  if (!POLICY_STATUSES.has(policy.status)) fail('policy status');
  if (!PREMIUM_STATES.has(policy.premiumState)) fail('policy premium state');
  const income = policy.declaredAnnualIncomeMinor;
  if (income !== null && (!isSafeInt(income) || income < 0)) fail('declared income');

  for (const prior of priorClaims) {
    if (!isObject(prior)) fail('prior claim is not an object');
    if (typeof prior.id !== 'string' || typeof prior.claimNumber !== 'string') fail('prior claim ids');
    if (typeof prior.insuredPersonId !== 'string') fail('prior claim insured person');
    day(prior.incidentDate, 'prior claim incidentDate');
    if (!isSafeInt(prior.totalClaimedMinor)) fail('prior claim total');
    if (!Array.isArray(prior.providers)) fail('prior claim providers');
  }
  return { incident, registered, birth, startsOn, endsOn, serviceDays };
}

// A claim's accumulators are a handful of entries. Looking a freshly built key up with
// `accumulators[key]` makes V8 flatten, hash and internalise that ~130-character string on every
// read, and comparing a freshly built key with the object's own keys (`k === key`) costs nearly as
// much. So the key is never built to read it: each of the object's own keys is matched against the
// key's parts (kind, policy, person, benefit, period) in place, which is the same test as comparing
// with `accumulatorKey(kind, scope)` (same length, same characters at every position). No cache of
// the keys: a caller may add entries to the same object between two claims (the bulk path does),
// and a stale list would overrun limits.

const SCAN_LIMIT = 16;
const BAR = 124; // '|'
const STAR = 42; // '*'

/**
 * Whether `part` is at `at` in `k`. `indexOf(part, at) === at` rather than `startsWith(part, at)`:
 * same answer, but V8's indexOf compares with a fast search routine while startsWith goes
 * character by character through a generic path (and through the runtime when `part` is a
 * concatenated string, as ids often are) — three times slower for a 36-character id.
 */
function isAt(k: string, at: number, part: string): boolean {
  return k.indexOf(part, at) === at;
}

function partAt(k: string, at: number, part: string | null): number {
  if (part === null) return k.charCodeAt(at) === STAR && k.charCodeAt(at + 1) === BAR ? at + 2 : -1;
  return isAt(k, at, part) && k.charCodeAt(at + part.length) === BAR ? at + part.length + 1 : -1;
}

/** True when `k` is exactly `accumulatorKey(kind, { policyId, insuredPersonId, benefitCode, periodStart })`. */
function isKey(
  k: string,
  length: number,
  kind: string,
  policyId: string,
  insuredPersonId: string | null,
  benefitCode: string | null,
  periodStart: string | null,
): boolean {
  if (k.length !== length) return false;
  // With the length right, every part has a fixed position. The short parts are compared first:
  // a key of the claim's policy that is not the one wanted differs in them, and the ids are long
  // (and, as part of the input, often not yet in the CPU cache).
  const policyAt = partAt(k, 0, kind);
  if (policyAt < 0) return false;
  const personAt = policyAt + policyId.length + 1;
  const benefitAt = personAt + (insuredPersonId === null ? 1 : insuredPersonId.length) + 1;
  const periodAt = benefitAt + (benefitCode === null ? 1 : benefitCode.length) + 1;
  if (partAt(k, benefitAt, benefitCode) !== periodAt) return false;
  if (periodStart === null ? k.charCodeAt(periodAt) !== STAR : !isAt(k, periodAt, periodStart)) return false;
  return partAt(k, personAt, insuredPersonId) === benefitAt && partAt(k, policyAt, policyId) === personAt;
}

/**
 * The own key of `accumulators` that is `accumulatorKey(kind, { policyId, insuredPersonId,
 * benefitCode, periodStart })`, or undefined when there is none (nothing used yet). The caller
 * reads the value with it and may reuse the string as the delta's key (the same characters, and no
 * string to build).
 */
export function findAccumulatorKey(
  accumulators: Readonly<Record<string, number>>,
  kind: AccumulatorKind,
  policyId: string,
  insuredPersonId: string | null,
  benefitCode: string | null,
  periodStart: string | null,
): string | undefined {
  const length =
    kind.length +
    policyId.length +
    (insuredPersonId === null ? 1 : insuredPersonId.length) +
    (benefitCode === null ? 1 : benefitCode.length) +
    (periodStart === null ? 1 : periodStart.length) +
    4;
  let seen = 0;
  for (const k in accumulators) {
    // A large object (a caller passing many policies' counters) is looked up directly instead.
    if (++seen > SCAN_LIMIT) {
      const key = accumulatorKey(kind, { policyId, insuredPersonId, benefitCode, periodStart });
      return Object.hasOwn(accumulators, key) ? key : undefined;
    }
    if (isKey(k, length, kind, policyId, insuredPersonId, benefitCode, periodStart)) return k;
  }
  return undefined;
}

/** The value of an own key of `accumulators`; a corrupt value is malformed input. */
export function accumulatorValue(accumulators: Readonly<Record<string, number>>, key: string): number {
  const v = accumulators[key];
  if (v === undefined) return 0;
  if (!isSafeInt(v) || v < 0) fail(`accumulator ${key} is not a non-negative whole number`);
  return v;
}

/**
 * Reads the accumulator `accumulatorKey(kind, { policyId, insuredPersonId, benefitCode,
 * periodStart })`; absent means nothing used yet. A corrupt value is malformed input.
 */
export function readAccumulator(
  accumulators: Readonly<Record<string, number>>,
  kind: AccumulatorKind,
  policyId: string,
  insuredPersonId: string | null,
  benefitCode: string | null,
  periodStart: string | null,
): number {
  const key = findAccumulatorKey(accumulators, kind, policyId, insuredPersonId, benefitCode, periodStart);
  return key === undefined ? 0 : accumulatorValue(accumulators, key);
}
