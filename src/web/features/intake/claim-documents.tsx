import { ActionIcon, FileInput, Group, Select, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { READABLE_DESCRIPTION } from './readable.ts';

export const DOCUMENT_KINDS = [
  'receipt',
  'medical_certificate',
  'police_report',
  'employer_statement',
  'travel_booking',
  'income_statement',
  'property_irregularity_report',
] as const;

export type DocumentDraft = { key: string; file: File; kind: string | null };

/**
 * Documents to attach: each file with the kind it is (receipt, medical certificate, …). The kinds
 * go with the registration so the first assessment already counts them; the files are uploaded
 * to the claim right after it is registered.
 */
export function ClaimDocuments({
  documents,
  onChange,
  required,
}: {
  documents: DocumentDraft[];
  onChange: (documents: DocumentDraft[]) => void;
  required: string[];
}) {
  const { t } = useTranslation();
  const kinds = DOCUMENT_KINDS.map((k) => ({ value: k, label: t(`intake.documentKind.${k}`) }));
  return (
    <Stack gap="sm">
      {required.length > 0 && (
        <Text size="sm">
          {t('intake.documents.required', {
            kinds: required.map((k) => t(`intake.documentKind.${k}`)).join(', '),
          })}
        </Text>
      )}
      <FileInput
        label={t('intake.documents.add')}
        description={t('intake.documents.hint')}
        styles={READABLE_DESCRIPTION}
        multiple
        accept="application/pdf,image/png,image/jpeg,image/tiff,text/plain"
        value={[]}
        onChange={(files) =>
          onChange([...documents, ...files.map((file) => ({ key: crypto.randomUUID(), file, kind: null }))])
        }
      />
      {documents.map((d) => (
        <Group key={d.key} wrap="nowrap" align="end">
          <Text style={{ flex: 1, overflowWrap: 'anywhere' }}>{d.file.name}</Text>
          <Select
            label={t('intake.documents.kind', { name: d.file.name })}
            data={kinds}
            value={d.kind}
            onChange={(kind) => onChange(documents.map((x) => (x.key === d.key ? { ...x, kind } : x)))}
            clearable
            w={260}
          />
          <ActionIcon
            variant="default"
            size="lg"
            aria-label={t('intake.documents.remove', { name: d.file.name })}
            onClick={() => onChange(documents.filter((x) => x.key !== d.key))}
          >
            ×
          </ActionIcon>
        </Group>
      ))}
    </Stack>
  );
}
