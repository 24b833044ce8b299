import type { FastifyInstance } from 'fastify';
import { accountChangeRoutes } from './account-changes/index.ts';
import { callRoutes } from './calls/index.ts';
import { caseRoutes } from './cases/index.ts';
import { bulkClaimRoutes } from './claims/bulk-routes.ts';
import { claimRoutes } from './claims/index.ts';
import { complaintRoutes } from './complaints/index.ts';
import { customerRoutes } from './customers/index.ts';
import { decisionRoutes } from './decisions/index.ts';
import { departmentRoutes } from './departments/index.ts';
import type { ModuleDeps } from './deps.ts';
import { documentRoutes } from './documents/index.ts';
import { inboundRoutes } from './inbound/index.ts';
import { informationRequestRoutes } from './information-requests/routes.ts';
import { outboundRoutes } from './outbound/index.ts';
import { policyRoutes } from './policies/index.ts';
import { productRoutes } from './products/index.ts';
import { referralRoutes } from './referrals/index.ts';
import { scanRoutes } from './scans/index.ts';
import { timelineRoutes } from './timeline/index.ts';
import { userRoutes } from './users/index.ts';
import { workRoutes } from './work/routes.ts';

/** Every module's HTTP routes, in one list so that nothing is mounted by accident. */
export function registerModuleRoutes(app: FastifyInstance, deps: ModuleDeps): void {
  userRoutes(app, deps);
  customerRoutes(app, deps);
  productRoutes(app, deps);
  policyRoutes(app, deps);
  claimRoutes(app, deps);
  bulkClaimRoutes(app, deps);
  decisionRoutes(app, deps);
  informationRequestRoutes(app, deps);
  workRoutes(app, deps);
  caseRoutes(app, deps);
  timelineRoutes(app, deps);
  departmentRoutes(app, deps);
  referralRoutes(app, deps);
  documentRoutes(app, deps);
  callRoutes(app, deps);
  accountChangeRoutes(app, deps);
  complaintRoutes(app, deps);
  inboundRoutes(app, deps);
  scanRoutes(app, deps);
  outboundRoutes(app, deps);
}
