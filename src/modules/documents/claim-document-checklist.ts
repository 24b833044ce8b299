import { z } from 'zod';
import type { Executor } from '../../db/transaction.ts';
import { AppError } from '../../lib/errors.ts';
import { ProductConfigSchema, productVersionInForce } from '../products/index.ts';
import { DOCUMENT_KINDS } from '../products/product-config-schema.ts';
import { reaches } from '../referrals/department-reach.ts';
import type { Actor } from '../users/actor.ts';
import { assertCan, canSeeCustomer } from '../users/permissions.ts';
import { buildDocumentChecklist } from './document-checklist.ts';
import { DOCUMENT_META_COLUMNS, DocumentSchema, toDocumentView } from './document-schemas.ts';

const CLAIM_NUMBER = /^CLM-\d{4}-\d{6}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const DocumentChecklistSchema = z
  .object({
    claimId: z.uuid(),
    claimNumber: z.string(),
    status: z.string(),
    productVersion: z
      .object({ id: z.uuid(), version: z.number().int() })
      .describe('The version in force on the date of loss: its covers say what is required'),
    complete: z.boolean().describe('Every required kind has arrived (recorded or uploaded)'),
    items: z.array(
      z.object({
        kind: z.enum(DOCUMENT_KINDS),
        requiredFor: z.array(z.object({ benefitCode: z.string(), clause: z.string() })),
        arrived: z.boolean(),
        via: z
          .array(z.enum(['recorded', 'uploaded']))
          .describe(
            'recorded: in the claim’s documents received (what the assessment counts); uploaded: a ' +
              'document of this kind is on the claim (not counted until recorded)',
          ),
        documentIds: z.array(z.uuid()),
      }),
    ),
    recorded: z.array(z.string()).describe('Every kind recorded as received on the claim'),
    documents: z
      .array(DocumentSchema)
      .describe('Documents on the claim and on emails threaded onto it, oldest first'),
  })
  .meta({ id: 'DocumentChecklist' });
export type DocumentChecklist = z.infer<typeof DocumentChecklistSchema>;

/**
 * What the product version in force requires for the claim's benefits against what arrived. Reads
 * only: the claim (scoped: a customer sees their own, 404 otherwise), its lines' benefits, the
 * product's versions, and the documents on the claim or on emails threaded onto it.
 */
export async function claimDocumentChecklist(opts: {
  db: Executor;
  actor: Actor;
  ref: string;
}): Promise<DocumentChecklist> {
  const { db, actor } = opts;
  assertCan(actor, 'claims:read');
  const wanted = opts.ref.trim().toUpperCase();
  const byNumber = CLAIM_NUMBER.test(wanted);
  if (!byNumber && !UUID.test(wanted)) throw new AppError('not_found', 'No such claim.');
  const claim = await db
    .selectFrom('claims')
    .innerJoin('policies', 'policies.id', 'claims.policy_id')
    .select([
      'claims.id',
      'claims.claim_number',
      'claims.customer_id',
      'claims.status',
      'claims.incident_date',
      'claims.documents',
      'policies.product_id',
      'policies.product_version_id',
    ])
    .where(byNumber ? 'claims.claim_number' : 'claims.id', '=', byNumber ? wanted : wanted.toLowerCase())
    .executeTakeFirst();
  if (!claim || !canSeeCustomer(actor, claim.customer_id) || !(await reaches(db, actor, 'claim', claim.id))) {
    throw new AppError('not_found', 'No such claim.');
  }

  const [lines, versions, documents] = await Promise.all([
    db
      .selectFrom('claim_lines')
      .select('benefit_code')
      .where('claim_id', '=', claim.id)
      .orderBy('line_no')
      .execute(),
    db
      .selectFrom('product_versions')
      .select(['id', 'version', 'status', 'effective_from', 'effective_to'])
      .where('product_id', '=', claim.product_id)
      .execute(),
    db
      .selectFrom('documents')
      .select(DOCUMENT_META_COLUMNS)
      .where((eb) =>
        eb.or([
          eb.and([eb('entity_type', '=', 'claim'), eb('entity_id', '=', claim.id)]),
          // Attachments of emails threaded onto the claim arrived for it too.
          eb.and([
            eb('entity_type', '=', 'inbound_message'),
            eb(
              'entity_id',
              'in',
              eb.selectFrom('inbound_messages').select('id').where('claim_id', '=', claim.id),
            ),
          ]),
        ]),
      )
      .orderBy('created_at')
      .orderBy('id')
      .execute(),
  ]);
  const versionId = productVersionInForce(versions, claim.product_version_id, claim.incident_date);
  const version = await db
    .selectFrom('product_versions')
    .select(['id', 'version', 'config'])
    .where('id', '=', versionId)
    .executeTakeFirstOrThrow();
  const config = ProductConfigSchema.parse(version.config);
  const items = buildDocumentChecklist({
    benefitCodes: lines.map((l) => l.benefit_code),
    covers: config.covers,
    recorded: claim.documents,
    uploads: documents.map((d) => ({ id: d.id, kind: d.kind })),
  });
  return {
    claimId: claim.id,
    claimNumber: claim.claim_number,
    status: claim.status,
    productVersion: { id: version.id, version: version.version },
    complete: items.every((i) => i.arrived),
    items: items as DocumentChecklist['items'],
    recorded: [...claim.documents].sort(),
    documents: documents.map(toDocumentView),
  };
}
