import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../server/plugins/authenticate.ts';
import type { ModuleDeps } from '../deps.ts';
import { getClaimWork } from './claim-work-view.ts';
import { listMyNotifications } from './list-notifications.ts';
import { listQueue, QUEUE_DEADLINE_STATES, QUEUE_KINDS, QUEUE_SORTS, QUEUES } from './list-queue.ts';
import { reassignClaimWork } from './reassign-work.ts';

const Ref = z.object({ ref: z.string().max(64).describe('UUID or CLM-YYYY-NNNNNN') });

const QueueItemSchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(['claim', 'service_case', 'referral', 'triage']),
    subjectId: z.uuid(),
    reference: z.string(),
    summary: z.string(),
    status: z.string(),
    customerId: z.uuid().nullable().describe('null only for a triage item from an unknown sender'),
    ownerId: z.uuid().nullable(),
    team: z.string().nullable(),
    department: z.string().nullable(),
    escalatedTo: z.uuid().nullable(),
    escalationLevel: z.number().int(),
    priority: z.number().int().describe('1 most urgent … 5'),
    dueAt: z.string().nullable().describe('The nearest running deadline; null: none running'),
    timeLeftMs: z.number().nullable().describe('Negative once the deadline has passed'),
    deadlineState: z.enum(['none', 'on_track', 'warning', 'breached', 'paused']),
    language: z.string(),
    productCode: z.string().nullable(),
    amountMinor: z.number().int().nullable(),
    currency: z.string().nullable(),
    version: z.number().int(),
  })
  .meta({ id: 'QueueItem' });

const Localized = z.object({ sv: z.string(), it: z.string(), en: z.string() });

const ClaimWorkSchema = z
  .object({
    claimId: z.uuid(),
    claimNumber: z.string(),
    status: z.string(),
    workItem: QueueItemSchema.extend({ open: z.boolean() })
      .nullable()
      .describe('null: the claim never needed a person'),
    deadlines: z.array(
      z.object({
        id: z.uuid(),
        policy: z.string().describe('Deadline policy code, e.g. se.fal.claim_payment'),
        label: Localized,
        source: z.string().describe('The law or internal rule the deadline comes from'),
        status: z.enum(['running', 'paused', 'met', 'cancelled']),
        state: z.enum(['on_track', 'warning', 'breached', 'paused']),
        startedAt: z.string(),
        dueAt: z.string().nullable().describe('null while paused'),
        timeLeftMs: z.number().nullable(),
        pauses: z.array(z.object({ from: z.string(), to: z.string().nullable() })),
        stageReached: z.number().int().describe('Thresholds crossed: warnings, breach, second escalation'),
      }),
    ),
    informationRequests: z.array(
      z.object({
        id: z.uuid(),
        status: z.enum(['open', 'answered', 'expired', 'cancelled']),
        items: z.array(
          z.union([
            z.object({ kind: z.literal('document'), document: z.string() }),
            z.object({ kind: z.literal('question'), text: z.string() }),
          ]),
        ),
        channel: z.enum(['portal', 'email', 'letter']),
        dueOn: z.string(),
        remindersSent: z.number().int(),
        requestedBy: z.uuid().nullable().describe('null: the assessment asked'),
        answeredAt: z.string().nullable(),
        answerChannel: z.string().nullable(),
        createdAt: z.string(),
      }),
    ),
  })
  .meta({ id: 'ClaimWork' });

const NotificationSchema = z
  .object({
    id: z.uuid(),
    kind: z.string(),
    channel: z.enum(['in_app', 'portal', 'email', 'letter']),
    language: z.enum(['sv', 'it', 'en']),
    subject: z.string(),
    body: z.string(),
    entityType: z.string().nullable(),
    entityId: z.uuid().nullable(),
    createdAt: z.string(),
    readAt: z.string().nullable(),
  })
  .meta({ id: 'Notification' });

export function workRoutes(app: FastifyInstance, { db }: ModuleDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['queues'];

  r.get(
    '/queues/:queue',
    {
      schema: {
        tags,
        summary: 'One page of a work queue: deadline first, then priority (keyset pagination)',
        params: z.object({ queue: z.enum(QUEUES) }),
        querystring: z
          .object({
            limit: z.coerce.number().int().min(1).max(200).default(50),
            cursor: z.string().max(200).optional().describe('nextCursor of the previous page'),
            team: z.string().max(40).optional(),
            department: z.string().max(40).optional(),
            sort: z
              .enum(QUEUE_SORTS)
              .optional()
              .describe('deadline (default), priority (most urgent first) or amount (largest first)'),
            kind: z.enum(QUEUE_KINDS).optional().describe('Only items of this kind'),
            deadlineState: z.enum(QUEUE_DEADLINE_STATES).optional().describe('Only items in this state'),
            product: z.string().max(40).optional().describe('Only items of this product code'),
          })
          .strict(),
        response: { 200: z.object({ items: z.array(QueueItemSchema), nextCursor: z.string().nullable() }) },
      },
    },
    async (req) => listQueue({ db, actor: actorOf(req), queue: req.params.queue, ...req.query }),
  );
  r.post(
    '/claims/:ref/assignment',
    {
      schema: {
        tags,
        summary: 'Reassign the claim (supervisor), or take an unassigned one (representative, for yourself)',
        params: Ref,
        body: z
          .object({
            userId: z.uuid().nullable().describe('null puts it back in the team queue'),
            version: z.number().int().min(1).describe("The work item's version you saw"),
          })
          .strict(),
        response: { 200: QueueItemSchema },
      },
    },
    async (req) => reassignClaimWork({ db, actor: actorOf(req), ref: req.params.ref, input: req.body }),
  );
  r.get(
    '/claims/:ref/work',
    {
      schema: {
        tags,
        summary: 'Who has the claim, its deadlines with time left, and its requests for information',
        params: Ref,
        response: { 200: ClaimWorkSchema },
      },
    },
    async (req) => getClaimWork({ db, actor: actorOf(req), ref: req.params.ref }),
  );
  r.get(
    '/notifications',
    {
      schema: {
        tags,
        summary: 'My notifications (staff: in-app; customers: the notices sent to them), newest first',
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }).strict(),
        response: { 200: z.object({ items: z.array(NotificationSchema) }) },
      },
    },
    async (req) => listMyNotifications({ db, actor: actorOf(req), limit: req.query.limit }),
  );
}
