export { createCustomer } from './create-customer.ts';
export { type CustomerInput, CustomerInputSchema, type CustomerView } from './customer-schemas.ts';
export { getCustomer, listCustomers } from './find-customers.ts';
export { customerRoutes } from './routes.ts';
