export { activateProductVersion } from './activate-product-version.ts';
export { createProduct, createProductVersion, listProducts } from './manage-products.ts';
export { type ProductConfig, type ProductConfigInput, ProductConfigSchema } from './product-config-schema.ts';
export { productVersionInForce, type VersionPeriod } from './product-version-in-force.ts';
export { retireProductVersion } from './retire-product-version.ts';
export { productRoutes } from './routes.ts';
