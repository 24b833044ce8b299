import { useTranslation } from 'react-i18next';
import type { Language } from '../../api/types.ts';
import { usePolicy, useProduct } from './workspace-queries.ts';
import type { WorkspaceClaim } from './workspace-types.ts';

/**
 * A benefit code as the product names it in the user's language ("Medical expenses"), from the
 * product version the assessment used — the same reads the policy card makes, so no extra
 * request. Until they arrive, or for a code the version does not list, the code itself: it is the
 * product's own identifier, which staff know from the terms.
 */
export function useBenefitName(claim: WorkspaceClaim, claimRef: string): (code: string) => string {
  const { i18n } = useTranslation();
  const policy = usePolicy(claimRef, claim.policyId);
  const product = useProduct(claimRef, policy.data?.productId);
  const version = product.data?.versions.find((v) => v.id === claim.assessment?.productVersionId);
  const covers = version?.config.covers ?? [];
  return (code) => covers.find((c) => c.benefitCode === code)?.name[i18n.language as Language] ?? code;
}
