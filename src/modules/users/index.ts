export { type Actor, actorId, systemActor } from './actor.ts';
export { createUser, type NewUser } from './create-user.ts';
export { hashPassword } from './passwords.ts';
export { assertCan, assertCanSeeCustomer, can, PERMISSION_MATRIX, type Permission } from './permissions.ts';
export { userRoutes } from './routes.ts';
export {
  actorFromUser,
  createSession,
  revokeSession,
  SESSION_COOKIE,
  sessionCookieOptions,
} from './sessions.ts';
export { signIn } from './sign-in.ts';
export { userAdminRoutes } from './user-admin-routes.ts';
