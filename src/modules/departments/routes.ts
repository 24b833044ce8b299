import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdempotencyHeaders, sendIdempotent } from '../../server/idempotent-route.ts';
import { actorOf } from '../../server/plugins/authenticate.ts';
import type { ModuleDeps } from '../deps.ts';
import { createDepartment } from './create-department.ts';
import {
  DepartmentCodeSchema,
  DepartmentPatchSchema,
  DepartmentSchema,
  NewDepartmentSchema,
} from './department-schemas.ts';
import { getDepartment, listDepartments } from './list-departments.ts';
import { updateDepartment } from './update-department.ts';

const Params = z.object({ code: DepartmentCodeSchema });

export function departmentRoutes(app: FastifyInstance, { db }: ModuleDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['departments'];

  r.get(
    '/departments',
    {
      schema: {
        tags,
        summary: 'Departments that take referrals, with their supervisor and active staff (staff only)',
        querystring: z
          .object({
            includeInactive: z
              .enum(['true', 'false'])
              .optional()
              .describe('Also list inactive departments (default false)'),
          })
          .strict(),
        response: { 200: z.object({ items: z.array(DepartmentSchema) }) },
      },
    },
    async (req) => ({
      items: await listDepartments({
        db,
        actor: actorOf(req),
        includeInactive: req.query.includeInactive === 'true',
      }),
    }),
  );
  r.get(
    '/departments/:code',
    {
      schema: {
        tags,
        summary: 'One department (staff only)',
        params: Params,
        response: { 200: DepartmentSchema },
      },
    },
    async (req) => getDepartment({ db, actor: actorOf(req), code: req.params.code }),
  );
  r.post(
    '/departments',
    {
      schema: {
        tags,
        summary: 'Add a department (administrator; idempotent on Idempotency-Key)',
        description:
          'Staff join a department through their user’s `department`. The supervisor, if named, must be an ' +
          'active supervisor or department agent (400 validation_failed at `supervisorId`). 409 ' +
          'department_exists for a code in use. A retry with the same Idempotency-Key returns the first ' +
          'response with 200 and `idempotent-replayed: true`.',
        headers: IdempotencyHeaders,
        body: NewDepartmentSchema,
        response: { 201: DepartmentSchema, 200: DepartmentSchema.describe('A retry: the first response') },
      },
    },
    async (req, reply) => {
      return sendIdempotent(
        reply,
        await createDepartment({
          db,
          actor: actorOf(req),
          input: req.body,
          idempotencyKey: req.headers['idempotency-key'],
        }),
      );
    },
  );
  r.patch(
    '/departments/:code',
    {
      schema: {
        tags,
        summary: 'Rename a department, change its supervisor, or (de)activate it (administrator)',
        description:
          'An inactive department takes no new referrals (422 department_not_found); its live referrals ' +
          'stay with it. 409 version_conflict when `version` is stale.',
        params: Params,
        body: DepartmentPatchSchema,
        response: { 200: DepartmentSchema },
      },
    },
    async (req) => updateDepartment({ db, actor: actorOf(req), code: req.params.code, input: req.body }),
  );
}
