import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdempotencyHeaders, sendIdempotent } from '../../server/idempotent-route.ts';
import { actorOf } from '../../server/plugins/authenticate.ts';
import type { ModuleDeps } from '../deps.ts';
import { createStaffUser } from './create-staff-user.ts';
import { getUserForAdmin, listTeams, listUsers, permissionMatrix } from './list-users.ts';
import { updateUser } from './update-user.ts';
import {
  CreatedUserSchema,
  NewStaffUserSchema,
  PermissionMatrixSchema,
  TeamSchema,
  UserAdminSchema,
  UserListQuerySchema,
  UserPageSchema,
  UserPatchSchema,
  UserUpdatedSchema,
} from './user-admin-schemas.ts';

const Id = z.object({ id: z.uuid() });

/** User administration: administrators manage logins; auditors read them and the matrix. */
export function userAdminRoutes(app: FastifyInstance, { db }: ModuleDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['users'];

  r.get(
    '/users',
    {
      schema: {
        tags,
        summary: 'Staff and customer logins, filtered (administrators and auditors)',
        description: 'Staff first (by role and name), customers last. Offset pages.',
        querystring: UserListQuerySchema,
        response: { 200: UserPageSchema },
      },
    },
    async (req) => listUsers({ db, actor: actorOf(req), query: req.query }),
  );

  r.get(
    '/users/:id',
    {
      schema: {
        tags,
        summary: 'One login (administrators and auditors)',
        params: Id,
        response: { 200: UserAdminSchema },
      },
    },
    async (req) => getUserForAdmin({ db, actor: actorOf(req), id: req.params.id }),
  );

  r.post(
    '/users',
    {
      schema: {
        tags,
        summary: 'Create a staff login (administrator; idempotent on Idempotency-Key)',
        description:
          'Without `password` one is generated and returned once as `initialPassword`; a retry with the ' +
          'same Idempotency-Key returns the login without it (200, `idempotent-replayed: true`). 409 ' +
          'user_email_exists for an email in use; 422 team_not_found or department_not_found.',
        headers: IdempotencyHeaders,
        body: NewStaffUserSchema,
        response: {
          201: CreatedUserSchema,
          200: CreatedUserSchema.describe('A retry: the first response, without the password'),
        },
      },
    },
    async (req, reply) =>
      sendIdempotent(
        reply,
        await createStaffUser({
          db,
          actor: actorOf(req),
          input: req.body,
          idempotencyKey: req.headers['idempotency-key'],
        }),
      ),
  );

  r.patch(
    '/users/:id',
    {
      schema: {
        tags,
        summary:
          'Change a login’s role, team, department, name or language, or (de)activate it (administrator)',
        description:
          'Audited. 409 version_conflict when `version` is stale. 403 user_self_change_not_allowed when an ' +
          'administrator deactivates or demotes their own login. Deactivating ends the login’s sessions and ' +
          'gives its open work (claims, service cases, referrals) back to the team or department queue, ' +
          'unassigned, one audit event per item; `handedBack` says how many.',
        params: Id,
        body: UserPatchSchema,
        response: { 200: UserUpdatedSchema },
      },
    },
    async (req) => updateUser({ db, actor: actorOf(req), id: req.params.id, input: req.body }),
  );

  r.get(
    '/teams',
    {
      schema: {
        tags,
        summary: 'The teams claims are routed to (administrators and auditors)',
        response: { 200: z.object({ items: z.array(TeamSchema) }) },
      },
    },
    async (req) => ({ items: await listTeams({ db, actor: actorOf(req) }) }),
  );

  r.get(
    '/permissions',
    {
      schema: {
        tags,
        summary: 'The permission matrix: which role may do what (administrators and auditors)',
        response: { 200: PermissionMatrixSchema },
      },
    },
    async (req) => permissionMatrix({ actor: actorOf(req) }),
  );
}
