import { List, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ScrollTable } from '../../components/scroll-table.tsx';
import { formatMoney, localeOf } from '../../i18n/format.ts';
import type { Localized, ProductConfig } from './admin-types.ts';
import { inLanguage } from './admin-types.ts';

// A product version's configuration document as a person reads it: the covers and their terms,
// the exclusions, the product-wide terms, and every clause with its text in sv, it and en. Amounts
// are minor units in the product's currency; shares are permille (200 = 20 %).

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="sm" fw={600}>
        {label}
      </Text>
      <Text size="sm">{children}</Text>
    </div>
  );
}

type ClauseRow = { clause: string; subject: string; text: Localized | null };

/** Every clause the document cites, in document order, with the text it carries where it has one. */
function clauses(config: ProductConfig, t: TFunction): ClauseRow[] {
  const rows: ClauseRow[] = [];
  for (const c of config.covers) {
    rows.push({
      clause: c.clause,
      subject: t('admin.config.clauseCover', { code: c.benefitCode }),
      text: c.name,
    });
    if (c.limits)
      rows.push({
        clause: c.limits.clause,
        subject: t('admin.config.clauseLimits', { code: c.benefitCode }),
        text: null,
      });
    if (c.coPayment)
      rows.push({
        clause: c.coPayment.clause,
        subject: t('admin.config.clauseCoPayment', { code: c.benefitCode }),
        text: null,
      });
    if (c.waitingPeriod)
      rows.push({
        clause: c.waitingPeriod.clause,
        subject: t('admin.config.clauseWaiting', { code: c.benefitCode }),
        text: null,
      });
  }
  for (const e of config.exclusions ?? [])
    rows.push({
      clause: e.clause,
      subject: t('admin.config.clauseExclusion', { code: e.code }),
      text: e.text,
    });
  if (config.deductible)
    rows.push({ clause: config.deductible.clause, subject: t('admin.config.deductible'), text: null });
  if (config.premiumTerms?.clause)
    rows.push({ clause: config.premiumTerms.clause, subject: t('admin.config.premiumTerms'), text: null });
  if (config.dailyBenefit)
    rows.push({ clause: config.dailyBenefit.clause, subject: t('admin.config.dailyBenefit'), text: null });
  if (config.informationRequests)
    rows.push({
      clause: config.informationRequests.clause,
      subject: t('admin.config.informationRequests'),
      text: null,
    });
  return rows;
}

export function ConfigView({ config, currency }: { config: ProductConfig; currency: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const money = (minor: number | undefined) =>
    minor === undefined ? '—' : formatMoney(minor, currency, lang);
  const percent = (permille: number) =>
    new Intl.NumberFormat(localeOf(lang), { style: 'percent', maximumFractionDigits: 1 }).format(
      permille / 1000,
    );
  const none = t('admin.config.none');
  const d = config.dailyBenefit;
  const ir = config.informationRequests;
  return (
    <Stack gap="lg">
      <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
        <Fact label={t('admin.config.straightThrough')}>
          {config.straightThroughLimitMinor === undefined ? none : money(config.straightThroughLimitMinor)}
        </Fact>
        <Fact label={t('admin.config.deductible')}>
          {config.deductible
            ? `${money(config.deductible.amountMinor)} ${t(`admin.config.per.${config.deductible.per}`)} (${config.deductible.clause})`
            : none}
        </Fact>
        <Fact label={t('admin.config.premiumTerms')}>
          {config.premiumTerms
            ? t('admin.config.premiumTermsText', {
                grace: config.premiumTerms.graceDays,
                lapse: config.premiumTerms.lapseAfterDays,
              })
            : none}
        </Fact>
        <Fact label={t('admin.config.dailyBenefit')}>
          {d
            ? t('admin.config.dailyBenefitText', {
                code: d.benefitCode,
                share: percent(d.incomeSharePermille),
                cap: money(d.dailyCapMinor),
                waiting: d.waitingDays,
                max: d.maxDaysPerPeriod,
              })
            : none}
        </Fact>
        <Fact label={t('admin.config.informationRequests')}>
          {ir
            ? t('admin.config.informationRequestsText', {
                days: ir.answerDays,
                reminders: ir.reminderDaysBefore.join(', '),
                outcome: t(`admin.config.onNoAnswer.${ir.onNoAnswer}`),
              })
            : t('admin.config.informationRequestsDefault')}
        </Fact>
      </SimpleGrid>

      <section aria-labelledby="covers-title">
        <Title order={4} id="covers-title" mb="xs">
          {t('admin.config.covers')}
        </Title>
        <ScrollTable label={t('admin.config.covers')} minWidth={900}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('admin.config.benefitCode')}</Table.Th>
                <Table.Th>{t('admin.config.coverName')}</Table.Th>
                <Table.Th>{t('admin.config.limits')}</Table.Th>
                <Table.Th>{t('admin.config.coPayment')}</Table.Th>
                <Table.Th>{t('admin.config.waitingPeriod')}</Table.Th>
                <Table.Th>{t('admin.config.requiredDocuments')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {config.covers.map((c) => (
                <Table.Tr key={c.benefitCode}>
                  <Table.Td>
                    <code>{c.benefitCode}</code>
                  </Table.Td>
                  <Table.Td>
                    {inLanguage(c.name, lang)} ({c.clause})
                  </Table.Td>
                  <Table.Td>
                    {c.limits ? (
                      <List size="sm">
                        {c.limits.perLineMinor !== undefined && (
                          <List.Item>
                            {t('admin.config.perLine', { amount: money(c.limits.perLineMinor) })}
                          </List.Item>
                        )}
                        {c.limits.perClaimMinor !== undefined && (
                          <List.Item>
                            {t('admin.config.perClaim', { amount: money(c.limits.perClaimMinor) })}
                          </List.Item>
                        )}
                        {c.limits.perYearMinor !== undefined && (
                          <List.Item>
                            {t('admin.config.perYear', { amount: money(c.limits.perYearMinor) })}
                          </List.Item>
                        )}
                        {c.limits.lifetimeMinor !== undefined && (
                          <List.Item>
                            {t('admin.config.lifetime', { amount: money(c.limits.lifetimeMinor) })}
                          </List.Item>
                        )}
                        <List.Item>
                          {t(`admin.config.countedPer.${c.limits.per ?? 'insured_person'}`)} (
                          {c.limits.clause})
                        </List.Item>
                      </List>
                    ) : (
                      none
                    )}
                  </Table.Td>
                  <Table.Td>
                    {c.coPayment ? `${percent(c.coPayment.sharePermille)} (${c.coPayment.clause})` : none}
                  </Table.Td>
                  <Table.Td>
                    {c.waitingPeriod
                      ? `${t('admin.config.waitingDays', { days: c.waitingPeriod.days })} (${c.waitingPeriod.clause})`
                      : none}
                  </Table.Td>
                  <Table.Td>
                    {c.requiredDocuments && c.requiredDocuments.length > 0
                      ? c.requiredDocuments.map((k) => t(`admin.document.${k}`)).join(', ')
                      : none}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      </section>

      <section aria-labelledby="exclusions-title">
        <Title order={4} id="exclusions-title" mb="xs">
          {t('admin.config.exclusions')}
        </Title>
        {(config.exclusions ?? []).length === 0 ? (
          <Text size="sm">{none}</Text>
        ) : (
          <ScrollTable label={t('admin.config.exclusions')} minWidth={760}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('admin.config.exclusionCode')}</Table.Th>
                  <Table.Th>{t('admin.config.exclusionText')}</Table.Th>
                  <Table.Th>{t('admin.config.appliesTo')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {(config.exclusions ?? []).map((e) => (
                  <Table.Tr key={e.code}>
                    <Table.Td>
                      <code>{e.code}</code> ({e.clause})
                    </Table.Td>
                    <Table.Td>{inLanguage(e.text, lang)}</Table.Td>
                    <Table.Td>
                      {[
                        e.benefitCodes && t('admin.config.onBenefits', { codes: e.benefitCodes.join(', ') }),
                        e.causes && t('admin.config.onCauses', { causes: e.causes.join(', ') }),
                        e.countries && t('admin.config.onCountries', { countries: e.countries.join(', ') }),
                        e.preExistingCondition && t('admin.config.preExisting'),
                      ]
                        .filter(Boolean)
                        .join('; ') || t('admin.config.allClaims')}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
        )}
      </section>

      <section aria-labelledby="clauses-title">
        <Title order={4} id="clauses-title" mb="xs">
          {t('admin.config.clauses')}
        </Title>
        <ScrollTable label={t('admin.config.clauses')} minWidth={900}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('admin.config.clause')}</Table.Th>
                <Table.Th>{t('admin.config.subject')}</Table.Th>
                <Table.Th>{t('admin.config.textSv')}</Table.Th>
                <Table.Th>{t('admin.config.textIt')}</Table.Th>
                <Table.Th>{t('admin.config.textEn')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {clauses(config, t).map((c) => (
                <Table.Tr key={`${c.clause}-${c.subject}`}>
                  <Table.Td>{c.clause}</Table.Td>
                  <Table.Td>{c.subject}</Table.Td>
                  <Table.Td lang="sv">{c.text?.sv ?? '—'}</Table.Td>
                  <Table.Td lang="it">{c.text?.it ?? '—'}</Table.Td>
                  <Table.Td lang="en">{c.text?.en ?? '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      </section>
    </Stack>
  );
}
