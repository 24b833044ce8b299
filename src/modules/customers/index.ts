export { createCustomer } from './create-customer.ts';
export {
  AddressSchema,
  type CustomerInput,
  CustomerInputSchema,
  type CustomerView,
  LanguageSchema,
} from './customer-schemas.ts';
export { assertCustomerExists, getCustomer, listCustomers } from './find-customers.ts';
export { customerRoutes } from './routes.ts';
