import { Badge, Card, List, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../api/types.ts';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { formatDate } from '../../i18n/format.ts';
import { useCodeText } from './code-text.ts';
import { Fact } from './fact.tsx';
import { usePolicy, useProduct } from './workspace-queries.ts';
import type { WorkspaceClaim } from './workspace-types.ts';

// The policy and the product version in force on the date of loss: the one the assessment used
// (its productVersionId), not whatever version is active today.
export function PolicyCard({ claim, claimRef }: { claim: WorkspaceClaim; claimRef: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const words = useCodeText();
  const policy = usePolicy(claimRef, claim.policyId);
  const product = useProduct(claimRef, policy.data?.productId);
  const versionId = claim.assessment?.productVersionId;
  const version = product.data?.versions.find((v) => v.id === versionId);
  return (
    <Card withBorder>
      <Title order={3}>{t('workspace.policy')}</Title>
      {policy.error && <ProblemAlert error={policy.error} />}
      {product.error && <ProblemAlert error={product.error} />}
      {!policy.data && !policy.error && <Text>{t('app.loading')}</Text>}
      {policy.data && (
        <Stack gap="xs" mt="xs">
          <SimpleGrid cols={2}>
            <Fact label={t('workspace.policyNumber')}>{policy.data.policyNumber}</Fact>
            <Fact label={t('workspace.policyPeriod')}>
              {formatDate(policy.data.startsOn, lang)} – {formatDate(policy.data.endsOn, lang)}
            </Fact>
            <Fact label={t('workspace.policyStatus')}>
              {words('workspace.policyState.', policy.data.status)}
            </Fact>
            {policy.data.premiumStatus && (
              <Fact label={t('workspace.premium')}>
                <Badge
                  variant="filled"
                  autoContrast
                  color={policy.data.premiumStatus.state === 'paid' ? 'green.3' : 'red.8'}
                >
                  {words('workspace.premiumState.', policy.data.premiumStatus.state)}
                </Badge>
              </Fact>
            )}
          </SimpleGrid>
          {product.data && (
            <>
              <Fact label={t('workspace.product')}>
                {product.data.name[lang]} ({product.data.code})
              </Fact>
              {version ? (
                <Fact label={t('workspace.productVersion')}>
                  {t('workspace.versionInForce', {
                    version: version.version,
                    from: formatDate(version.effectiveFrom, lang),
                  })}
                </Fact>
              ) : (
                <Text size="sm">{t('workspace.noVersion')}</Text>
              )}
              {version?.config.covers && (
                <div>
                  <Text size="sm" c="gray.7">
                    {t('workspace.covers')}
                  </Text>
                  <List size="sm">
                    {version.config.covers.map((c) => (
                      <List.Item key={c.benefitCode}>
                        {c.name[lang]} — {c.benefitCode} ({c.clause})
                      </List.Item>
                    ))}
                  </List>
                </div>
              )}
            </>
          )}
        </Stack>
      )}
    </Card>
  );
}
