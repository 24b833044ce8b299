import { Alert, Button, FileInput, Group, Select, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem } from '../../api/client.ts';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { formatDateTime } from '../../i18n/format.ts';
import { useCodeText } from './code-text.ts';
import { READABLE_DESCRIPTION } from './readable-styles.ts';
import { DOCUMENT_KINDS, type UploadedDocument } from './workspace-types.ts';

// POST /documents is multipart, which the JSON client does not speak: the form data is sent with
// fetch directly, and a refusal becomes the same ApiProblem as everywhere else. The same bytes
// already on the claim are not stored twice: the server answers with the earlier document and
// `alreadyOnFile`, and the form says so (with its name, date and kind) instead of "uploaded".
async function upload(
  claimId: string,
  file: File,
  kind: string | null,
  key: string,
): Promise<UploadedDocument> {
  const form = new FormData();
  form.append('entityType', 'claim');
  form.append('entityId', claimId);
  if (kind) form.append('kind', kind);
  form.append('file', file);
  const res = await fetch('/documents', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { accept: 'application/json, application/problem+json', 'idempotency-key': key },
    body: form,
  });
  const json = (await res.json().catch(() => null)) as Record<string, unknown> | null;
  if (!res.ok) throw new ApiProblem(res.status, json);
  return json as unknown as UploadedDocument;
}

export function UploadDocument({ claimRef, claimId }: { claimRef: string; claimId: string }) {
  const { t, i18n } = useTranslation();
  const words = useCodeText();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [kind, setKind] = useState<string | null>(null);
  const [duplicate, setDuplicate] = useState<UploadedDocument | null>(null);
  const mutation = useMutation({
    mutationFn: (f: File) => upload(claimId, f, kind, crypto.randomUUID()),
    onMutate: () => setDuplicate(null),
    onSuccess: async (doc) => {
      if (doc.alreadyOnFile) setDuplicate(doc);
      notifications.show({
        color: doc.alreadyOnFile ? 'indigo' : 'green',
        title: doc.alreadyOnFile ? t('workspace.alreadyOnFile') : t('workspace.uploaded'),
        message: doc.filename,
        closeButtonProps: { 'aria-label': t('workspace.close') },
      });
      setFile(null);
      setKind(null);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['workspace', claimRef] }),
        queryClient.invalidateQueries({ queryKey: ['claim', claimRef] }),
      ]);
    },
  });
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (file) mutation.mutate(file);
      }}
    >
      <Group align="flex-end" wrap="wrap">
        <FileInput
          label={t('workspace.file')}
          description={t('workspace.chooseFile')}
          styles={READABLE_DESCRIPTION}
          value={file}
          onChange={setFile}
          accept="application/pdf,image/png,image/jpeg,text/plain"
          clearable
          w={260}
        />
        <Select
          label={t('workspace.documentKind')}
          placeholder={t('workspace.kindOptional')}
          data={DOCUMENT_KINDS.map((k) => ({ value: k, label: t(`workspace.doc.${k}`) }))}
          value={kind}
          onChange={setKind}
          clearable
          w={240}
        />
        <Button type="submit" disabled={!file} loading={mutation.isPending}>
          {t('workspace.upload')}
        </Button>
      </Group>
      {mutation.error && <ProblemAlert error={mutation.error} />}
      {duplicate && (
        <Alert color="indigo" title={t('workspace.alreadyOnFile')} mt="sm" role="status">
          <Text size="sm">
            {t('workspace.alreadyOnFileText', {
              name: duplicate.filename,
              date: formatDateTime(duplicate.createdAt, i18n.language),
            })}
          </Text>
          {/* The file keeps the kind it was filed with: say so when this upload named another. */}
          {duplicate.requestedKind && duplicate.requestedKind !== duplicate.kind && (
            <Text size="sm">
              {duplicate.kind
                ? t('workspace.alreadyOnFileKind', {
                    kind: words('workspace.doc.', duplicate.kind),
                    requested: words('workspace.doc.', duplicate.requestedKind),
                  })
                : t('workspace.alreadyOnFileNoKind', {
                    requested: words('workspace.doc.', duplicate.requestedKind),
                  })}
            </Text>
          )}
        </Alert>
      )}
    </form>
  );
}
