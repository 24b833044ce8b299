import { Anchor, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import type { Claim } from '../../api/types.ts';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { ClaimView } from './claim-view.tsx';

export function ClaimPage({ claimRef, back }: { claimRef: string; back: '/desk' | '/portal' }) {
  const { t } = useTranslation();
  const claim = useQuery({
    queryKey: ['claim', claimRef],
    queryFn: () => api<Claim>('GET', `/claims/${encodeURIComponent(claimRef)}`),
  });
  return (
    <>
      <Anchor component={Link} to={back} mb="md" display="inline-block">
        ← {t('claim.back')}
      </Anchor>
      {claim.error && <ProblemAlert error={claim.error} />}
      {!claim.data && !claim.error && <Text>{t('app.loading')}</Text>}
      {claim.data && <ClaimView claim={claim.data} />}
    </>
  );
}
