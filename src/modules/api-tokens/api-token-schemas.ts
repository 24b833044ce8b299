import { z } from 'zod';

export const NewApiTokenSchema = z
  .object({
    name: z.string().trim().min(1).max(100).describe('What the token is for, e.g. "Broker portal sync"'),
    userId: z.uuid().optional().describe('The login the token acts as; yourself when left out'),
    scopes: z
      .array(z.string().min(1).max(64))
      .min(1)
      .max(64)
      .describe(
        'Permissions from the matrix (GET /users/permissions); the token gets those its user’s role also has',
      ),
    expiresInDays: z.number().int().min(1).max(365).default(90),
  })
  .strict()
  .meta({ id: 'NewApiToken' });
export type NewApiToken = z.input<typeof NewApiTokenSchema>;

export const ApiTokenSchema = z
  .object({
    id: z.uuid(),
    userId: z.uuid(),
    userDisplayName: z.string(),
    name: z.string(),
    prefix: z.string().describe('The first characters of the token, to tell tokens apart'),
    scopes: z.array(z.string()),
    createdAt: z.string(),
    createdBy: z.uuid().nullable(),
    expiresAt: z.string(),
    lastUsedAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
    status: z.enum(['active', 'expired', 'revoked']),
  })
  .meta({ id: 'ApiToken' });
export type ApiTokenView = z.infer<typeof ApiTokenSchema>;

export const CreatedApiTokenSchema = ApiTokenSchema.extend({
  token: z.string().describe('The secret: shown this once, never again (only its hash is stored)'),
}).meta({ id: 'CreatedApiToken' });

export const ApiTokenListQuerySchema = z
  .object({ userId: z.uuid().optional(), status: z.enum(['active', 'expired', 'revoked']).optional() })
  .strict();
