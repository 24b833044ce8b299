import { Card, Group, NativeSelect, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import type { Language } from '../../api/types.ts';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { ScrollTable } from '../../components/scroll-table.tsx';
import type { TemplateEntry, TemplatePreview } from './admin-people-types.ts';
import { TemplatePdfViewer } from './template-pdf-viewer.tsx';
import { languageOptions } from './user-options.ts';

// The customer notice templates, written with sample parameters in the chosen language: the email
// exactly as it is sent, the short notice of the portal, and the letter's PDF. Nothing is sent.

const keyOf = (e: TemplateEntry) => `${e.kind}|${e.outcome ?? ''}`;

export function TemplatesPage() {
  const { t, i18n } = useTranslation();
  const [selected, setSelected] = useState('');
  const [language, setLanguage] = useState<Language>((i18n.language as Language) ?? 'en');
  const list = useQuery({
    queryKey: ['templates'],
    queryFn: async () => (await api<{ items: TemplateEntry[] }>('GET', '/templates')).items,
    staleTime: Infinity,
  });
  const entry = list.data?.find((e) => keyOf(e) === selected) ?? list.data?.[0] ?? null;
  const query = entry
    ? new URLSearchParams({
        kind: entry.kind,
        language,
        ...(entry.outcome ? { outcome: entry.outcome } : {}),
      }).toString()
    : null;
  const preview = useQuery({
    queryKey: ['template-preview', query],
    queryFn: () => api<TemplatePreview>('GET', `/templates/preview?${query}`),
    enabled: query !== null,
    staleTime: Infinity,
  });
  const labelOf = (e: TemplateEntry) => `${t(`adminPeople.template.${e.template}`)} (${e.kind})`;
  return (
    <Stack>
      <Title order={2}>{t('adminPeople.templates.title')}</Title>
      <Text c="gray.7">{t('adminPeople.templates.help')}</Text>
      {list.error && <ProblemAlert error={list.error} />}
      {list.data && (
        <Group align="flex-end" wrap="wrap">
          <NativeSelect
            label={t('adminPeople.templates.template')}
            value={entry ? keyOf(entry) : ''}
            onChange={(e) => setSelected(e.currentTarget.value)}
            data={list.data.map((e) => ({ value: keyOf(e), label: labelOf(e) }))}
            w={{ base: '100%', sm: 480 }}
          />
          <NativeSelect
            label={t('adminPeople.templates.language')}
            value={language}
            onChange={(e) => setLanguage(e.currentTarget.value as Language)}
            data={languageOptions(t)}
          />
        </Group>
      )}
      {preview.error && <ProblemAlert error={preview.error} />}
      {preview.isFetching && !preview.data && <Text>{t('app.loading')}</Text>}
      {preview.data && query && (
        <Stack>
          <Stack>
            <Card withBorder component="section" aria-labelledby="template-email-title">
              <Title order={3} id="template-email-title" size="h4" mb="xs">
                {t('adminPeople.templates.email')}
              </Title>
              <Text size="sm">
                <strong>{t('adminPeople.templates.subject')}:</strong> {preview.data.subject}
              </Text>
              {preview.data.formal && (
                <Text size="sm" c="gray.7">
                  {t('adminPeople.templates.formal')}
                </Text>
              )}
              {/* Monospace as sent, so the calculation's columns line up; long lines wrap as a mail reader would. */}
              <ScrollTable label={t('adminPeople.templates.emailText')} minWidth={0}>
                <pre style={{ fontSize: 13, margin: '8px 0 0', whiteSpace: 'pre-wrap' }}>
                  {preview.data.emailText}
                </pre>
              </ScrollTable>
            </Card>
            <Card withBorder component="section" aria-labelledby="template-notice-title">
              <Title order={3} id="template-notice-title" size="h4" mb="xs">
                {t('adminPeople.templates.notice')}
              </Title>
              <Text size="sm" fw={600}>
                {preview.data.notice.subject}
              </Text>
              <Text size="sm">{preview.data.notice.body}</Text>
            </Card>
          </Stack>
          <Card withBorder component="section" aria-labelledby="template-letter-title">
            <Title order={3} id="template-letter-title" size="h4" mb="xs">
              {t('adminPeople.templates.letter')}
            </Title>
            <TemplatePdfViewer
              query={query}
              title={t('adminPeople.templates.letterFrame', { title: preview.data.title })}
              filename={`preview-${preview.data.template}-${language}.pdf`}
            />
          </Card>
        </Stack>
      )}
    </Stack>
  );
}
