import { Anchor, Group, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem } from '../../api/client.ts';
import { ProblemAlert } from '../../components/problem-alert.tsx';

// The server sends the PDF as an attachment, so a frame pointing at it would only download it:
// the bytes are fetched and shown from a local blob (as the workspace's document viewer does).
async function fetchPdf(query: string): Promise<Blob> {
  const res = await fetch(`/templates/preview.pdf?${query}`, { credentials: 'same-origin' });
  if (!res.ok) {
    let body: Record<string, unknown> | null = null;
    try {
      body = (await res.json()) as Record<string, unknown>;
    } catch {
      body = null;
    }
    throw new ApiProblem(res.status, body);
  }
  return res.blob();
}

export function TemplatePdfViewer({
  query,
  title,
  filename,
}: {
  query: string;
  title: string;
  filename: string;
}) {
  const { t } = useTranslation();
  const pdf = useQuery({
    queryKey: ['template-pdf', query],
    queryFn: () => fetchPdf(query),
    staleTime: Infinity,
  });
  const url = useMemo(
    () => (pdf.data ? URL.createObjectURL(new Blob([pdf.data], { type: 'application/pdf' })) : null),
    [pdf.data],
  );
  useEffect(
    () => () => {
      if (url) URL.revokeObjectURL(url);
    },
    [url],
  );
  if (pdf.error) return <ProblemAlert error={pdf.error} />;
  if (!url) return <Text>{t('app.loading')}</Text>;
  return (
    <>
      <Group justify="flex-end" mb="xs">
        <Anchor href={url} download={filename}>
          {t('adminPeople.templates.downloadPdf')}
        </Anchor>
      </Group>
      <iframe title={title} src={url} style={{ width: '100%', height: 640, border: '1px solid #ced4da' }} />
    </>
  );
}
