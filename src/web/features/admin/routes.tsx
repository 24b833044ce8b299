import { createRoute } from '@tanstack/react-router';
import { deskRoute, requireRoles } from '../../app/routes-base.tsx';
import { AuthorityPage } from './authority-page.tsx';
import { DeadlinesPage } from './deadlines-page.tsx';
import { ProductPage } from './product-page.tsx';
import { ProductsPage } from './products-page.tsx';

// Administrators configure; auditors may look (the server refuses their changes anyway, and the
// pages hide the change buttons from them). Everyone else goes back to the desk.
const ADMIN_READERS = ['administrator', 'auditor'] as const;

const productsRoute = createRoute({
  getParentRoute: () => deskRoute,
  path: '/admin/products',
  beforeLoad: requireRoles(ADMIN_READERS),
  component: ProductsPage,
});
const productRoute = createRoute({
  getParentRoute: () => deskRoute,
  path: '/admin/products/$productId',
  beforeLoad: requireRoles(ADMIN_READERS),
  component: function ProductRoute() {
    const { productId } = productRoute.useParams();
    return <ProductPage productId={productId} />;
  },
});
const deadlinesRoute = createRoute({
  getParentRoute: () => deskRoute,
  path: '/admin/deadlines',
  beforeLoad: requireRoles(ADMIN_READERS),
  component: DeadlinesPage,
});
const authorityRoute = createRoute({
  getParentRoute: () => deskRoute,
  path: '/admin/authority',
  beforeLoad: requireRoles(ADMIN_READERS),
  component: AuthorityPage,
});

export const adminRoutes = [productsRoute, productRoute, deadlinesRoute, authorityRoute];
