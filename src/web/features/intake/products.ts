import { useQueries } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { localized, type Product, type ProductVersion } from './intake-types.ts';

/** The products behind a few policies (one request each, cached): their names and versions. */
export function useProducts(ids: string[]) {
  const unique = [...new Set(ids)];
  const results = useQueries({
    queries: unique.map((id) => ({
      queryKey: ['product', id],
      queryFn: () => api<Product>('GET', `/products/${id}`),
      staleTime: 300_000,
    })),
  });
  return new Map(results.flatMap((r, i) => (r.data ? [[unique[i] as string, r.data] as const] : []))) as Map<
    string,
    Product
  >;
}

export function useProductNames(ids: string[]): (id: string) => string {
  const { i18n } = useTranslation();
  const products = useProducts(ids);
  return (id) => {
    const p = products.get(id);
    return p ? localized(p.name, i18n.language) : '…';
  };
}

/**
 * The configuration in force on the date of loss: the active version whose period holds the date,
 * else the policy's own version (what the assessment would use when no other applies).
 */
export function versionOn(
  product: Product | undefined,
  date: string,
  fallbackId: string,
): ProductVersion | undefined {
  if (!product) return undefined;
  const inForce = product.versions.find(
    (v) =>
      v.status !== 'draft' && v.effectiveFrom <= date && (v.effectiveTo === null || date < v.effectiveTo),
  );
  return inForce ?? product.versions.find((v) => v.id === fallbackId);
}
