import type { Readable } from 'node:stream';
import { type Kysely, sql, type Transaction } from 'kysely';
import { numberYear } from '../../db/number-year.ts';
import { formatNumber, reserveNumberRange } from '../../db/numbers.ts';
import type { DB, DecisionOutcome } from '../../db/schema.ts';
import { enqueueJob } from '../../jobs/enqueue-job.ts';
import { todayIn } from '../../lib/dates.ts';
import { AppError } from '../../lib/errors.ts';
import { newId } from '../../lib/ids.ts';
import {
  type AccumulatorDelta,
  type AssessmentInput,
  assessClaim,
  type PriorClaim,
  type Recommendation,
} from '../assessment/index.ts';
import { assessedEvent, decidedEvent, mergeDeltas } from '../assessment-store/index.ts';
import { type AuditInput, hashAuditEvents, lockAuditChains } from '../audit/index.ts';
import type { DocumentKind } from '../products/product-config-schema.ts';
import { type Actor, actorId } from '../users/actor.ts';
import { assertCan } from '../users/permissions.ts';
import {
  type BatchLookups,
  buildAssessmentInput,
  byClaimNumber,
  loadBatchLookups,
  PremiumStates,
  ProductConfigCache,
  readChainHeads,
  versionInForce,
} from './bulk-context.ts';
import {
  BulkSourceError,
  type LineError,
  ndjsonLines,
  type ParsedLine,
  parseClaimLine,
} from './bulk-ndjson.ts';
import {
  type BatchWriter,
  type BulkRows,
  copyBulkRows,
  emptyRows,
  openCopyWriter,
  statementWriter,
  writeBulkRows,
} from './bulk-write.ts';
import { assertTransition } from './claim-lifecycle.ts';
import { checkClaimData } from './register-claim.ts';
import { ROUTE_CHUNK, ROUTE_CLAIMS_JOB } from './route-claims-job.ts';

// Bulk intake (`claimdesk assess FILE.ndjson`, POST /claims/bulk): many claims registered and
// assessed with the same rules as the single-claim path (register-claim.ts + assessment-store), at
// a throughput the single path cannot reach (one transaction, ~20 statements and two advisory locks
// per claim).
//
// Design:
// - Streamed: NDJSON is read chunk by chunk and cut into batches of `batchSize` lines; at most two
//   batches are in memory (the one being written and the one being prepared).
// - Per line: JSON.parse, NewClaimSchema, externalRef required; a bad line is reported with its
//   line number and skipped. Good lines are committed (unlike the all-or-nothing policy import).
// - Per batch, `prepare`: read the audit chain heads of the batch's customers, then everything else
//   with one set-based query per table (bulk-context.ts); skip claims whose externalRef exists
//   (`alreadyImported`: re-sending a file is safe); check each claim like registerClaim does;
//   assess claims one after the other with `assessClaim`, keeping an in-memory copy of the
//   accumulators and prior claims so that a claim sees the earlier claims of its batch; build every
//   row, including claim numbers and the audit hash chain.
// - Per batch, `write`: ONE transaction — reserve the batch's claim numbers (which locks the
//   counter row), take the policies' accumulator locks and the customers' audit-chain locks (the
//   single-claim path's locks, in its order), check that nothing moved since `prepare` (the
//   counter, and the chain heads: every change to a customer's claims or accumulators appends to
//   its audit chain), then write claims, lines, assessments, decisions, audit events and the
//   accumulator upserts (deltas summed per key): COPY on a PostgreSQL server, one statement of
//   data-modifying CTEs otherwise (bulk-write.ts). If something moved, the batch is prepared again
//   inside the transaction, under the locks. A transaction that fails is retried once.
// - Pipelined: batch N+1 is prepared (CPU: parse, assess, hash) while batch N is written (database),
//   on top of an overlay of N's results (accumulators, prior claims, refs, chain heads, numbers);
//   the checks above guarantee that N+1 is written only if that overlay turned out true.

/**
 * Claims per batch (one transaction each). With COPY on a PostgreSQL server two batches are in
 * memory at once (one written while the next is prepared); through the caller's database (PGlite),
 * where nothing overlaps, a larger batch spreads each batch's fixed statements over more claims.
 */
export const DEFAULT_BATCH_SIZE = { copy: 1000, statements: 2000 } as const;
export const MAX_BATCH_SIZE = 5000;
export const MAX_REPORTED_ERRORS = 1000;
/**
 * Preparing a batch is CPU work on the one JS thread that also drives the batch being written:
 * every this many claims it yields, so the writer's next statement is not kept waiting.
 */
const YIELD_EVERY = 16;

const RECOMMENDATIONS: readonly Recommendation[] = [
  'approve',
  'partial',
  'deny',
  'request_information',
  'refer',
];

export type BulkLineError = LineError;

export type BulkRegisterResult = {
  /** Non-blank lines read. */
  lines: number;
  /** Claims this run registered (and assessed). */
  registered: number;
  /** Lines whose externalRef was registered before: skipped. */
  alreadyImported: number;
  /** Lines with at least one error: skipped. */
  invalidLines: number;
  /** Line errors in line order; at most MAX_REPORTED_ERRORS. */
  invalid: BulkLineError[];
  /** Errors beyond MAX_REPORTED_ERRORS, counted but not listed. */
  omittedErrors: number;
  /** Registered claims decided without a person. */
  straightThrough: number;
  /** Registered claims by the engine's recommendation. */
  byRecommendation: Record<Recommendation, number>;
  batches: number;
  /** Batches whose transaction failed once and was retried. */
  retriedBatches: number;
  /** Batches assessed again inside their transaction because something moved since preparing. */
  repreparedBatches: number;
};

export type BulkProgress = Pick<
  BulkRegisterResult,
  'lines' | 'registered' | 'alreadyImported' | 'invalidLines' | 'batches'
>;

export { BulkSourceError };

export async function bulkRegisterClaims(opts: {
  db: Kysely<DB>;
  actor: Actor;
  /** NDJSON bytes (a file stream, a request body). Destroyed when the run ends. */
  source: Readable;
  batchSize?: number;
  /** Called after each committed batch; a returned promise is awaited before the next write. */
  onProgress?: (progress: BulkProgress) => void | Promise<void>;
  /**
   * When `db` is a PostgreSQL server: its URL. Batches are then written with COPY on a connection
   * of their own (the lookups keep using `db`). Without it (and on PGlite), one INSERT statement
   * per batch.
   */
  postgresUrl?: string | undefined;
}): Promise<BulkRegisterResult> {
  const { db, actor, source } = opts;
  assertCan(actor, 'claims:create');
  // Customers file their own claims one at a time; a bulk file is a back-office tool.
  if (actor.kind === 'user' && actor.role === 'customer') {
    throw new AppError('forbidden', 'Bulk registration is for staff and integrations, not customers.');
  }
  const batchSize =
    opts.batchSize ?? (opts.postgresUrl ? DEFAULT_BATCH_SIZE.copy : DEFAULT_BATCH_SIZE.statements);
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
    throw new RangeError(`batchSize must be between 1 and ${MAX_BATCH_SIZE}, got ${batchSize}`);
  }

  const totals = new Totals();
  const writer = opts.postgresUrl ? await openCopyWriter(opts.postgresUrl) : statementWriter(db);
  const run: RunContext = { actor, configs: new ProductConfigCache(), writer, productJson: new Map() };
  // The batch being written, with the optimistic preparation the next one is built on; its outcome
  // settled, so that a failure is never an unhandled rejection while the next batch is prepared.
  let pending: { prepared: Prepared; settled: Promise<Settled> } | null = null;
  const finish = async (): Promise<WriteOutcome | null> => {
    if (!pending) return null;
    const settled = await pending.settled;
    pending = null;
    if (!settled.ok) throw settled.error;
    totals.addBatch(settled.value);
    await opts.onProgress?.(totals.progress());
    return settled.value;
  };

  try {
    for await (const batch of readBatches(source, batchSize, totals)) {
      // Prepared while the batch before is being written, on top of what that one will leave.
      let prepared = await prepare(db, batch.parsed, run, { overlay: pending?.prepared ?? null });
      const previous = await finish();
      // The batch before was prepared again inside its transaction (something moved since its
      // optimistic preparation), so the overlay this one was built on is void: prepare it again.
      if (previous?.reprepared) prepared = await prepare(db, batch.parsed, run, { overlay: null });
      pending = { prepared, settled: settle(write(batch, prepared, run)) };
    }
    await finish();
  } finally {
    // An error while reading or preparing got us here: let the write in flight end first.
    const inFlight = pending as { settled: Promise<Settled> } | null;
    if (inFlight) await inFlight.settled;
    source.destroy();
    await writer.close();
  }
  return totals.result();
}

// ---------------------------------------------------------------------------------------------
// Reading

type Batch = { parsed: ParsedLine[] };

async function* readBatches(source: Readable, size: number, totals: Totals): AsyncGenerator<Batch> {
  let parsed: ParsedLine[] = [];
  let refs = new Map<string, number>();
  for await (const raw of ndjsonLines(source)) {
    totals.lines += 1;
    // Parsing is CPU work: give the batch being written its turn to send its next statement.
    if (totals.lines % YIELD_EVERY === 0) await yieldToEventLoop();
    const outcome = parseClaimLine(raw);
    if (!outcome.ok) {
      totals.addErrors(outcome.errors);
    } else {
      const ref = outcome.parsed.input.externalRef;
      const first = refs.get(ref);
      if (first !== undefined) {
        totals.addErrors([
          {
            line: raw.line,
            path: 'externalRef',
            code: 'duplicate_in_file',
            message: `externalRef ${JSON.stringify(ref)} already appears on line ${first}`,
          },
        ]);
      } else {
        refs.set(ref, raw.line);
        parsed.push(outcome.parsed);
      }
    }
    if (parsed.length >= size) {
      yield { parsed };
      parsed = [];
      refs = new Map();
    }
  }
  if (parsed.length > 0) yield { parsed };
}

// ---------------------------------------------------------------------------------------------
// Preparing a batch

type RunContext = {
  actor: Actor;
  configs: ProductConfigCache;
  writer: BatchWriter;
  /** `input.product` as JSON by version id: the same for every claim on that version. */
  productJson: Map<string, string>;
};

const INPUT_KEYS = ['claim', 'policy', 'product', 'accumulators', 'priorClaims', 'language'] as const;
// A key added to AssessmentInput must be added to INPUT_KEYS (and so to the stored input).
const inputKeysComplete: [Exclude<keyof AssessmentInput, (typeof INPUT_KEYS)[number]>] extends [never]
  ? true
  : false = true;
void inputKeysComplete;

/**
 * JSON.stringify(input), with the product version (its whole configuration, the larger part of
 * the text) serialised once per version instead of once per claim. Key order differs from
 * JSON.stringify's, which jsonb does not keep anyway.
 */
function inputJson(input: AssessmentInput, cache: Map<string, string>): string {
  let product = cache.get(input.product.id);
  if (product === undefined) {
    product = JSON.stringify(input.product);
    if (cache.size > 1000) cache.clear();
    cache.set(input.product.id, product);
  }
  let out = '{';
  for (const key of INPUT_KEYS) {
    if (out.length > 1) out += ',';
    out += `"${key}":${key === 'product' ? product : JSON.stringify(input[key])}`;
  }
  return `${out}}`;
}

type Prepared = {
  year: number;
  firstNumber: number;
  /** Chain heads this batch links to: the write checks the database still has exactly these. */
  expectedHeads: Map<string, string>;
  rows: BulkRows;
  registered: number;
  alreadyImported: number;
  errors: LineError[];
  straightThrough: number;
  byRecommendation: Record<Recommendation, number>;
  // The overlay the next batch is prepared on:
  finalHeads: Map<string, string>;
  accumulators: Map<string, Map<string, number>>;
  newClaims: Map<string, PriorClaim[]>;
  refs: Set<string>;
};

type PrepareMode =
  | { overlay: Prepared | null }
  | { locked: { heads: Map<string, string>; lastNumber: number; year: number } };

async function prepare(
  db: Kysely<DB>,
  parsed: readonly ParsedLine[],
  run: RunContext,
  mode: PrepareMode,
): Promise<Prepared> {
  const now = new Date();
  const nowIso = now.toISOString();
  const chains = [...new Set(parsed.map((p) => p.input.customerId))];
  const overlay = 'overlay' in mode ? mode.overlay : null;

  let heads: Map<string, string>;
  let year: number;
  let firstNumber: number;
  if ('locked' in mode) {
    heads = new Map(mode.locked.heads);
    year = mode.locked.year;
    firstNumber = mode.locked.lastNumber + 1;
  } else {
    // Heads before anything else: a change committed after this read moves a head.
    heads = await readChainHeads(db, chains);
    if (overlay)
      for (const c of chains)
        if (overlay.finalHeads.has(c)) heads.set(c, overlay.finalHeads.get(c) as string);
    year = numberYear(now);
    if (overlay && overlay.year === year) {
      firstNumber = overlay.firstNumber + overlay.registered;
    } else {
      const counter = await sql<{ last_value: number | string }>`
        SELECT last_value FROM number_counters WHERE prefix = 'CLM' AND year = ${year}`.execute(db);
      firstNumber = Number(counter.rows[0]?.last_value ?? 0) + 1;
    }
  }
  const expectedHeads = new Map(heads);

  const lookups = await loadBatchLookups(db, {
    refs: parsed.map((p) => p.input.externalRef),
    customerIds: chains,
    policyIds: parsed.map((p) => p.input.policyId),
    configs: run.configs,
  });

  const prepared: Prepared = {
    year,
    firstNumber,
    expectedHeads,
    rows: emptyRows(),
    registered: 0,
    alreadyImported: 0,
    errors: [],
    straightThrough: 0,
    byRecommendation: zeroCounts(),
    finalHeads: new Map(),
    accumulators: new Map(),
    newClaims: new Map(),
    refs: new Set(),
  };
  const accumulatorsOf = (policyId: string) => {
    let m = prepared.accumulators.get(policyId);
    if (!m) {
      m = new Map(lookups.accumulators.get(policyId));
      for (const [k, v] of overlay?.accumulators.get(policyId) ?? []) m.set(k, v);
      prepared.accumulators.set(policyId, m);
    }
    return m;
  };
  const priorOf = (policyId: string) => {
    let list = prepared.newClaims.get(policyId);
    if (!list) {
      list = [...(lookups.priorClaims.get(policyId) ?? [])];
      const seen = new Set(list.map((c) => c.id));
      for (const c of overlay?.newClaims.get(policyId) ?? []) if (!seen.has(c.id)) list.push(c);
      list.sort(byClaimNumber);
      prepared.newClaims.set(policyId, list);
    }
    return list;
  };
  const today = new Map<string, string>();
  const todayOf = (tz: string) => {
    let d = today.get(tz);
    if (d === undefined) {
      d = todayIn(tz, now);
      today.set(tz, d);
    }
    return d;
  };
  const premium = new PremiumStates();
  const deltas = new Map<string, { policyId: string; customerId: string; delta: number }>();
  const events: AuditInput[] = [];
  const registeredBy = actorId(run.actor);
  const r = prepared.rows;

  for (const [i, { line, input }] of parsed.entries()) {
    if (i % YIELD_EVERY === YIELD_EVERY - 1) await yieldToEventLoop(); // (see readBatches)
    if (lookups.existingRefs.has(input.externalRef) || overlay?.refs.has(input.externalRef)) {
      prepared.alreadyImported += 1;
      continue;
    }
    const checked = checkAgainstRecords(line, input, lookups, todayOf);
    if (!checked.ok) {
      prepared.errors.push(...checked.errors);
      continue;
    }
    const { customer, policy, person, total, today: registeredOn } = checked;

    const claimId = newId();
    const claimNumber = formatNumber('CLM', year, firstNumber + prepared.registered);
    const versionId = versionInForce(
      lookups.versionsByProduct.get(policy.product_id),
      policy,
      input.incidentDate,
    );
    const config = run.configs.get(versionId);
    const versionNo = lookups.versionsByProduct
      .get(policy.product_id)
      ?.find((v) => v.id === versionId)?.version;
    if (!config || versionNo === undefined) throw new Error(`product version ${versionId} not loaded`);
    const accumulators = accumulatorsOf(policy.id);
    const prior = priorOf(policy.id);
    const documents = [...new Set(input.documents ?? [])].sort() as DocumentKind[];
    const lines = input.lines.map((l) => ({
      benefitCode: l.benefitCode,
      description: l.description,
      serviceDate: l.serviceDate,
      amountMinor: l.amountMinor,
      currency: l.currency,
      provider: l.provider ?? null,
      days: l.days ?? null,
    }));
    const assessmentInput = buildAssessmentInput({
      claim: {
        id: claimId,
        customerId: input.customerId,
        insuredPersonId: person.id,
        insuredBirthDate: person.birth_date,
        incidentDate: input.incidentDate,
        registeredOn,
        currency: policy.currency,
        totalClaimedMinor: total,
        cause: input.cause ?? null,
        incidentCountry: input.incidentCountry ?? null,
        preExistingCondition: input.preExistingCondition ?? false,
        documents,
        lines,
      },
      policy,
      premiumState: premium.stateOf(
        policy,
        lookups.payments.get(policy.id) ?? [],
        config,
        input.incidentDate,
      ),
      product: { id: versionId, version: versionNo, config },
      accumulators,
      priorClaims: prior,
      language: customer.preferred_language,
    });
    const result = assessClaim(assessmentInput);

    const assessmentId = newId();
    let status: 'in_review' | DecisionOutcome = 'in_review';
    let decision: { id: string; outcome: DecisionOutcome; deltas: AccumulatorDelta[] } | null = null;
    if (result.straightThrough) {
      const outcome: DecisionOutcome =
        result.recommendation === 'partial' ? 'partially_approved' : 'approved';
      const merged = mergeDeltas(result.accumulatorDeltas);
      for (const d of merged) {
        accumulators.set(d.key, (accumulators.get(d.key) ?? 0) + d.amountMinor);
        const sum = deltas.get(d.key);
        if (sum) sum.delta += d.amountMinor;
        else deltas.set(d.key, { policyId: policy.id, customerId: input.customerId, delta: d.amountMinor });
      }
      decision = { id: newId(), outcome, deltas: merged };
      status = outcome;
    }

    // A bulk claim is born registered and leaves it in the same transaction, as a single one does.
    assertTransition('registered', status);

    // Rows, column by column (bulk-write.ts).
    r.claims.id.push(claimId);
    r.claims.claim_number.push(claimNumber);
    r.claims.customer_id.push(input.customerId);
    r.claims.policy_id.push(policy.id);
    r.claims.insured_person_id.push(person.id);
    r.claims.status.push(status);
    r.claims.channel.push(input.channel);
    r.claims.incident_date.push(input.incidentDate);
    r.claims.description.push(input.description);
    r.claims.currency.push(policy.currency);
    r.claims.total_claimed_minor.push(total);
    r.claims.external_ref.push(input.externalRef);
    r.claims.registered_by.push(registeredBy);
    r.claims.registered_at.push(nowIso);
    r.claims.cause.push(input.cause ?? null);
    r.claims.incident_country.push(input.incidentCountry ?? null);
    r.claims.pre_existing_condition.push(input.preExistingCondition ?? false);
    r.claims.documents.push(documents);
    for (const [n, l] of lines.entries()) {
      r.lines.id.push(newId());
      r.lines.claim_id.push(claimId);
      r.lines.customer_id.push(input.customerId);
      r.lines.line_no.push(n + 1);
      r.lines.benefit_code.push(l.benefitCode);
      r.lines.description.push(l.description);
      r.lines.service_date.push(l.serviceDate);
      r.lines.amount_minor.push(l.amountMinor);
      r.lines.currency.push(l.currency);
      r.lines.provider.push(l.provider);
      r.lines.days.push(l.days);
    }
    r.assessments.id.push(assessmentId);
    r.assessments.claim_id.push(claimId);
    r.assessments.customer_id.push(input.customerId);
    r.assessments.engine_version.push(result.engineVersion);
    r.assessments.product_version_id.push(result.productVersionId);
    r.assessments.recommendation.push(result.recommendation);
    r.assessments.benefit_minor.push(result.totals.benefitMinor);
    r.assessments.straight_through.push(result.straightThrough);
    r.assessments.result.push(JSON.stringify(result));
    r.assessments.input.push(inputJson(assessmentInput, run.productJson));
    if (decision) {
      r.decisions.id.push(decision.id);
      r.decisions.claim_id.push(claimId);
      r.decisions.customer_id.push(input.customerId);
      r.decisions.outcome.push(decision.outcome);
      r.decisions.amount_minor.push(result.totals.benefitMinor);
      r.decisions.currency.push(result.currency);
      r.decisions.assessment_id.push(assessmentId);
      r.decisions.accumulator_deltas.push(JSON.stringify(decision.deltas));
    }

    events.push(
      {
        actor: run.actor,
        action: 'claim.registered',
        entityType: 'claim',
        entityId: claimId,
        customerId: input.customerId,
        data: { claimNumber, channel: input.channel, totalClaimedMinor: total, currency: policy.currency },
      },
      assessedEvent({ claimId, customerId: input.customerId, assessmentId, seq: 1, trigger: 'bulk', result }),
    );
    if (decision) {
      events.push(
        decidedEvent({
          claimId,
          customerId: input.customerId,
          assessmentId,
          decisionId: decision.id,
          outcome: decision.outcome,
          amountMinor: result.totals.benefitMinor,
          currency: result.currency,
          deltas: decision.deltas,
        }),
      );
    }

    prior.push({
      id: claimId,
      claimNumber,
      insuredPersonId: person.id,
      incidentDate: input.incidentDate,
      totalClaimedMinor: total,
      providers: [...new Set(lines.flatMap((l) => (l.provider ? [l.provider] : [])))],
      serviceDates: [...new Set(lines.map((l) => l.serviceDate))],
    });
    prepared.refs.add(input.externalRef);
    prepared.registered += 1;
    prepared.byRecommendation[result.recommendation] += 1;
    if (result.straightThrough) prepared.straightThrough += 1;
  }

  for (const [key, d] of deltas) {
    r.accumulators.key.push(key);
    r.accumulators.policy_id.push(d.policyId);
    r.accumulators.customer_id.push(d.customerId);
    r.accumulators.used.push(d.delta);
  }
  for (let i = 0; i < events.length; i += YIELD_EVERY * 4) {
    r.audit.push(...hashAuditEvents(heads, events.slice(i, i + YIELD_EVERY * 4), nowIso));
    await yieldToEventLoop();
  }
  for (const e of r.audit) prepared.finalHeads.set(e.chain, e.hash);
  return prepared;
}

type Checked =
  | {
      ok: true;
      customer: { time_zone: string; preferred_language: 'sv' | 'it' | 'en' };
      policy: NonNullable<ReturnType<BatchLookups['policies']['get']>>;
      person: { id: string; birth_date: string };
      total: number;
      today: string;
    }
  | { ok: false; errors: LineError[] };

/** registerClaim's checks against other records, as line errors instead of exceptions. */
function checkAgainstRecords(
  line: number,
  input: ParsedLine['input'],
  lookups: BatchLookups,
  todayOf: (tz: string) => string,
): Checked {
  const fail = (path: string, code: string, message: string): Checked => ({
    ok: false,
    errors: [{ line, path, code, message }],
  });
  const customer = lookups.customers.get(input.customerId);
  if (!customer) return fail('customerId', 'customer_not_found', 'no customer with this id');
  const policy = lookups.policies.get(input.policyId);
  if (!policy) return fail('policyId', 'policy_not_found', 'no policy with this id');
  if (policy.customer_id !== input.customerId) {
    return fail('policyId', 'policy_not_of_customer', 'this policy belongs to another customer');
  }
  const persons = lookups.persons.get(policy.id) ?? [];
  const person = input.insuredPersonId
    ? persons.find((p) => p.id === input.insuredPersonId)
    : persons.find((p) => p.relation === 'holder');
  if (!person) {
    return fail(
      'insuredPersonId',
      'insured_person_not_on_policy',
      'this person is not insured by the policy',
    );
  }
  const today = todayOf(customer.time_zone);
  const problems = checkClaimData(input, policy.currency, today);
  if (problems.length > 0) {
    return {
      ok: false,
      errors: problems.map((p) => ({ line, path: p.path.join('.'), code: p.code, message: p.message })),
    };
  }
  let total = 0;
  for (const l of input.lines) total += l.amountMinor;
  if (!Number.isSafeInteger(total)) {
    return fail('lines', 'total_too_large', 'the line amounts add up to more than can be represented');
  }
  return { ok: true, customer, policy, person, total, today };
}

// ---------------------------------------------------------------------------------------------
// Writing a batch

type WriteOutcome = { prepared: Prepared; reprepared: boolean; retried: boolean };
type Settled = { ok: true; value: WriteOutcome } | { ok: false; error: unknown };

function settle(p: Promise<WriteOutcome>): Promise<Settled> {
  return p.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
}

async function write(batch: Batch, prepared: Prepared | null, run: RunContext): Promise<WriteOutcome> {
  const { db } = run.writer;
  try {
    return {
      ...(await db.transaction().execute((trx) => writeIn(trx, batch, prepared, run))),
      retried: false,
    };
  } catch {
    // A concurrent writer (a claim with the same externalRef, a deadlock, a serialisation
    // failure…): once more, prepared from scratch under the locks.
    return { ...(await db.transaction().execute((trx) => writeIn(trx, batch, null, run))), retried: true };
  }
}

/**
 * Claims that need a person get their work item, clocks and (for missing documents) a request to
 * the customer from a job, and every claim its customer notice (acknowledgement or straight-through
 * decision), in chunks, committed with the batch: the bulk write stays set-based and a crash
 * between the two loses nothing (the job exists exactly when the claims do).
 */
async function enqueueRouting(trx: Transaction<DB>, claims: { id: string[] }): Promise<void> {
  const all = claims.id;
  for (let i = 0; i < all.length; i += ROUTE_CHUNK) {
    const claimIds = all.slice(i, i + ROUTE_CHUNK);
    await enqueueJob(trx, {
      kind: ROUTE_CLAIMS_JOB,
      payload: { claimIds },
      uniqueKey: `${ROUTE_CLAIMS_JOB}:${claimIds[0]}`,
    });
  }
}

async function writeIn(
  trx: Transaction<DB>,
  batch: Batch,
  optimistic: Prepared | null,
  run: RunContext,
): Promise<{ prepared: Prepared; reprepared: boolean }> {
  const year = optimistic?.year ?? numberYear();
  // The single-claim path's lock order: number counter row, policy accumulators, audit chains.
  // Reserving the numbers the optimistic preparation used locks the counter row.
  const planned = optimistic?.registered ?? 0;
  const lastNumber = (await reserveNumberRange(trx, 'CLM', year, planned)) - 1;
  const policyLocks = [...new Set(batch.parsed.map((p) => `accumulators:${p.input.policyId}`))].sort();
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(k, 0))
    FROM unnest(${policyLocks}::text[]) WITH ORDINALITY AS t(k, n) ORDER BY n`.execute(trx);
  const chains = [...new Set(batch.parsed.map((p) => p.input.customerId))];
  await lockAuditChains(trx, chains);
  const heads = await readChainHeads(trx, chains);

  let prepared = optimistic;
  const moved =
    !prepared ||
    prepared.firstNumber !== lastNumber + 1 ||
    [...heads].some(([chain, hash]) => prepared?.expectedHeads.get(chain) !== hash);
  if (moved) {
    prepared = await prepare(trx, batch.parsed, run, { locked: { heads, lastNumber, year } });
  }
  if (!prepared) throw new Error('unreachable');
  if (prepared.registered > 0) {
    // Prepared again with another number of claims: the counter moves to what was used.
    const counter =
      prepared.registered === planned
        ? null
        : { prefix: 'CLM', year, lastValue: lastNumber + prepared.registered };
    if (run.writer.copy) await copyBulkRows(trx, run.writer.copy, prepared.rows, { counter });
    else await writeBulkRows(trx, prepared.rows, { counter });
    await enqueueRouting(trx, prepared.rows.claims);
  } else if (planned > 0) {
    await sql`UPDATE number_counters SET last_value = ${lastNumber} WHERE prefix = 'CLM' AND year = ${year}`.execute(
      trx,
    );
  }
  return { prepared, reprepared: moved };
}

// ---------------------------------------------------------------------------------------------
// Counting

class Totals {
  lines = 0;
  registered = 0;
  alreadyImported = 0;
  invalidLines = 0;
  omittedErrors = 0;
  straightThrough = 0;
  batches = 0;
  retriedBatches = 0;
  repreparedBatches = 0;
  readonly invalid: LineError[] = [];
  readonly byRecommendation = zeroCounts();

  /** Errors arrive grouped: all of one line's errors in one call. */
  addErrors(errors: readonly LineError[]): void {
    this.invalidLines += new Set(errors.map((e) => e.line)).size;
    for (const e of errors) {
      if (this.invalid.length < MAX_REPORTED_ERRORS) this.invalid.push(e);
      else this.omittedErrors += 1;
    }
  }

  addBatch(outcome: WriteOutcome): void {
    const p = outcome.prepared;
    this.batches += 1;
    if (outcome.retried) this.retriedBatches += 1;
    if (outcome.reprepared) this.repreparedBatches += 1;
    this.registered += p.registered;
    this.alreadyImported += p.alreadyImported;
    this.straightThrough += p.straightThrough;
    for (const k of RECOMMENDATIONS) this.byRecommendation[k] += p.byRecommendation[k];
    this.addErrors(p.errors);
  }

  progress(): BulkProgress {
    return {
      lines: this.lines,
      registered: this.registered,
      alreadyImported: this.alreadyImported,
      invalidLines: this.invalidLines,
      batches: this.batches,
    };
  }

  result(): BulkRegisterResult {
    return {
      lines: this.lines,
      registered: this.registered,
      alreadyImported: this.alreadyImported,
      invalidLines: this.invalidLines,
      invalid: this.invalid.sort((a, b) => a.line - b.line),
      omittedErrors: this.omittedErrors,
      straightThrough: this.straightThrough,
      byRecommendation: { ...this.byRecommendation },
      batches: this.batches,
      retriedBatches: this.retriedBatches,
      repreparedBatches: this.repreparedBatches,
    };
  }
}

function zeroCounts(): Record<Recommendation, number> {
  return { approve: 0, partial: 0, deny: 0, request_information: 0, refer: 0 };
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
