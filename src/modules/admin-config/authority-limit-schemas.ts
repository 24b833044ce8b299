import { z } from 'zod';

// Authority limits as an administrator reads and edits them. A row belongs either to a role or to
// one user (whose own row replaces their role's); who, which product and which currency identify
// the row and are not editable (that would be another row). What may change is how much, for which
// causes, and whether the holder may deny.

const Minor = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

export const AuthorityLimitSchema = z
  .object({
    id: z.uuid(),
    role: z.enum(['representative', 'supervisor', 'department_agent', 'administrator']).nullable(),
    user: z
      .object({ id: z.uuid(), displayName: z.string(), email: z.string(), role: z.string() })
      .nullable()
      .describe("the user's own row (replaces their role's); null for a role's row"),
    productCode: z.string().nullable().describe('null: any product'),
    currency: z.string(),
    maxAmountMinor: Minor,
    ownRegistrationMaxMinor: Minor.describe('the most they may decide on a claim they registered themselves'),
    causes: z.array(z.string()).nullable().describe('claim causes allowed; null: any'),
    mayDeny: z.boolean(),
    version: z
      .string()
      .describe('a tag of the row as read; send it back with an edit (409 version_conflict when it changed)'),
  })
  .meta({ id: 'AuthorityLimit' });

export type AuthorityLimitView = z.infer<typeof AuthorityLimitSchema>;

export const AuthorityLimitPatchSchema = z
  .object({
    version: z.string().min(1).describe('the version you read'),
    maxAmountMinor: Minor.optional(),
    ownRegistrationMaxMinor: Minor.optional(),
    causes: z
      .array(z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, 'lower-case cause such as illness'))
      .min(1)
      .nullable()
      .optional()
      .describe('null: any cause'),
    mayDeny: z.boolean().optional(),
  })
  .strict()
  .meta({ id: 'AuthorityLimitPatch' });

export type AuthorityLimitPatch = z.infer<typeof AuthorityLimitPatchSchema>;
