export { type CallLinks, resolveCallLinks } from './call-links.ts';
export {
  CALL_OUTCOMES,
  CallSchema,
  type CallUpdate,
  type CallView,
  type NewCall,
  NewCallSchema,
  type ScreenPop,
  toCallView,
} from './call-schemas.ts';
export { getCall, listCustomerCalls } from './find-calls.ts';
export { linkCallToClaim } from './link-call-to-claim.ts';
export { type LogCallResult, logCall } from './log-call.ts';
export {
  type NormalisedPhone,
  normalisePhoneNumber,
  type PhoneCountry,
  storedPhoneVariants,
} from './phone-number.ts';
export { callRoutes } from './routes.ts';
export { screenPop } from './screen-pop.ts';
export { updateCall } from './update-call.ts';
