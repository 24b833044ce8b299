import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import type { Language } from '../../api/types.ts';

// The deadline-compliance report groups by deadline policy code (se.fal.claim_payment). The
// policies in force carry their own names in sv, it and en (GET /deadline-policies, readable by
// the same roles as the reports), configured overrides included: the report shows those names
// rather than copying them into the web texts. A code the list lacks still reads as words.

type DeadlinePolicyLabel = { code: string; label: Record<Language, string> };

export function useRuleLabel(enabled: boolean): (code: string) => string {
  const { t, i18n } = useTranslation();
  const policies = useQuery({
    queryKey: ['deadline-policies'],
    queryFn: () => api<{ items: DeadlinePolicyLabel[] }>('GET', '/deadline-policies'),
    enabled,
    staleTime: 5 * 60_000,
  });
  return (code) =>
    policies.data?.items.find((p) => p.code === code)?.label[i18n.language as Language] ??
    t('supervisor.reports.otherRule', { code });
}
