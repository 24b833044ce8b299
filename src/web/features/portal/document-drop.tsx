import { ActionIcon, Group, NativeSelect, Stack, Text } from '@mantine/core';
import { Dropzone } from '@mantine/dropzone';
import { useTranslation } from 'react-i18next';
import { DOCUMENT_KINDS } from './portal-api.ts';

// Files chosen for upload, each with what it is (a receipt, a certificate…): the kind is what the
// claim's checklist and assessment count. The drop area is also a button that opens the file
// picker, so it works by keyboard and on a phone.

export type ChosenFile = { file: File; kind: string };

const ACCEPT = ['application/pdf', 'image/png', 'image/jpeg', 'image/tiff', 'text/plain'];
const MAX_BYTES = 10 * 1024 * 1024;

export function DocumentDrop({
  files,
  onChange,
  label,
  defaultKind = 'receipt',
}: {
  files: ChosenFile[];
  onChange: (files: ChosenFile[]) => void;
  label: string;
  defaultKind?: string;
}) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs">
      <Dropzone
        onDrop={(dropped) => onChange([...files, ...dropped.map((file) => ({ file, kind: defaultKind }))])}
        accept={ACCEPT}
        maxSize={MAX_BYTES}
        aria-label={label}
        p="md"
      >
        <Stack gap={4} align="center" style={{ pointerEvents: 'none' }}>
          <Text fw={600}>{label}</Text>
          <Text size="sm" c="gray.7">
            {t('portal.upload.hint')}
          </Text>
        </Stack>
      </Dropzone>
      {files.map((f, i) => (
        <Group
          key={`${f.file.name}-${f.file.size}-${f.file.lastModified}`}
          gap="xs"
          wrap="nowrap"
          align="flex-end"
        >
          <Text size="sm" style={{ flex: 1, overflowWrap: 'anywhere' }}>
            {f.file.name}
          </Text>
          <NativeSelect
            label={t('portal.upload.kind', { name: f.file.name })}
            value={f.kind}
            onChange={(e) =>
              onChange(files.map((g, j) => (j === i ? { ...g, kind: e.currentTarget.value } : g)))
            }
            data={DOCUMENT_KINDS.map((k) => ({ value: k, label: t(`portal.docKind.${k}`) }))}
            size="sm"
            w={170}
          />
          <ActionIcon
            variant="default"
            size="lg"
            aria-label={t('portal.upload.remove', { name: f.file.name })}
            onClick={() => onChange(files.filter((_, j) => j !== i))}
          >
            ×
          </ActionIcon>
        </Group>
      ))}
    </Stack>
  );
}
