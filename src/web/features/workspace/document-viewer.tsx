import { Anchor, Box, Group, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem } from '../../api/client.ts';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import type { DocumentMeta } from './workspace-types.ts';

// The server sends a document's bytes as an attachment (with a sandboxing CSP), so a frame
// pointing at it would only download it. The viewer fetches the bytes and shows them from a
// local blob: PDFs in a frame, images as an image, anything else as a download link.
async function fetchContent(id: string): Promise<Blob> {
  const res = await fetch(`/documents/${encodeURIComponent(id)}/content`, { credentials: 'same-origin' });
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

export function DocumentViewer({ doc }: { doc: DocumentMeta }) {
  const { t } = useTranslation();
  const content = useQuery({
    queryKey: ['document-content', doc.id],
    queryFn: () => fetchContent(doc.id),
    staleTime: Infinity,
  });
  const url = useMemo(
    () => (content.data ? URL.createObjectURL(new Blob([content.data], { type: doc.mediaType })) : null),
    [content.data, doc.mediaType],
  );
  useEffect(
    () => () => {
      if (url) URL.revokeObjectURL(url);
    },
    [url],
  );
  if (content.error) return <ProblemAlert error={content.error} />;
  if (!url) return <Text>{t('app.loading')}</Text>;
  return (
    <Box>
      <Group justify="space-between" mb="xs">
        <Text fw={600}>{doc.filename}</Text>
        <Anchor href={url} download={doc.filename}>
          {t('workspace.download')}
        </Anchor>
      </Group>
      {doc.mediaType === 'application/pdf' ? (
        <iframe
          title={doc.filename}
          src={url}
          style={{ width: '100%', height: 560, border: '1px solid #ced4da' }}
        />
      ) : doc.mediaType.startsWith('image/') ? (
        <img src={url} alt={doc.filename} style={{ maxWidth: '100%', maxHeight: 560 }} />
      ) : (
        <Text>{t('workspace.noPreview')}</Text>
      )}
    </Box>
  );
}
