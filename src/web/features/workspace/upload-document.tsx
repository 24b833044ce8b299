import { Button, FileInput, Group, Select } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem } from '../../api/client.ts';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { READABLE_DESCRIPTION } from './readable-styles.ts';
import { DOCUMENT_KINDS, type DocumentMeta } from './workspace-types.ts';

// POST /documents is multipart, which the JSON client does not speak: the form data is sent with
// fetch directly, and a refusal becomes the same ApiProblem as everywhere else.
async function upload(claimId: string, file: File, kind: string | null, key: string): Promise<DocumentMeta> {
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
  return json as unknown as DocumentMeta;
}

export function UploadDocument({ claimRef, claimId }: { claimRef: string; claimId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [kind, setKind] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: (f: File) => upload(claimId, f, kind, crypto.randomUUID()),
    onSuccess: async (doc) => {
      notifications.show({
        color: 'green',
        title: t('workspace.uploaded'),
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
    </form>
  );
}
