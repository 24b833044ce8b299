import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../server/plugins/authenticate.ts';
import { NewClaimSchema } from '../claims/index.ts';
import type { ModuleDeps } from '../deps.ts';
import { previewAssessment } from './preview-assessment.ts';
import { AssessmentPreviewSchema } from './preview-schemas.ts';

export function assessmentPreviewRoutes(app: FastifyInstance, { db }: ModuleDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    '/claims/assessment-preview',
    {
      schema: {
        tags: ['claims'],
        summary: 'Assess a claim draft without registering it (writes nothing)',
        description:
          'The same body as POST /claims and the same permission and checks; the answer is the assessment ' +
          'registering it now would get (recommendation, totals, per-line amounts, missing documents, the ' +
          "explanation in the customer's language). Nothing is stored, nothing is audited, no number is " +
          'taken: call it as often as the draft changes.',
        body: NewClaimSchema,
        response: { 200: AssessmentPreviewSchema },
      },
    },
    async (req) => previewAssessment({ db, actor: actorOf(req), input: req.body }),
  );
}
