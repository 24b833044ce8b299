import { Badge, Button, Group, List, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { ScrollTable } from '../../components/scroll-table.tsx';
import { formatDateTime } from '../../i18n/format.ts';
import { useCodeText } from './code-text.ts';
import { DocumentViewer } from './document-viewer.tsx';
import { UploadDocument } from './upload-document.tsx';
import { useBenefitName } from './use-benefit-name.ts';
import { useChecklist, useDocuments } from './workspace-queries.ts';
import type { WorkspaceClaim } from './workspace-types.ts';

// The claim's documents: the product's checklist (what the covers claimed require and whether it
// arrived), the files with a viewer, and an upload.
export function DocumentsPanel({ claim, claimRef }: { claim: WorkspaceClaim; claimRef: string }) {
  const { t, i18n } = useTranslation();
  const words = useCodeText();
  const benefit = useBenefitName(claim, claimRef);
  const docs = useDocuments(claimRef, claim.id);
  const checklist = useChecklist(claimRef);
  const [shown, setShown] = useState<string | null>(null);
  const shownDoc = docs.data?.items.find((d) => d.id === shown);
  return (
    <Stack>
      <Title order={3}>{t('workspace.checklist')}</Title>
      {checklist.error && <ProblemAlert error={checklist.error} />}
      {checklist.data && checklist.data.items.length === 0 && <Text>{t('workspace.checklistEmpty')}</Text>}
      {checklist.data && checklist.data.items.length > 0 && (
        <List spacing={4}>
          {checklist.data.items.map((item) => (
            <List.Item key={item.kind}>
              <Group gap="xs">
                <Badge variant="filled" autoContrast color={item.arrived ? 'green.3' : 'red.8'}>
                  {item.arrived ? t('workspace.arrived') : t('workspace.notArrived')}
                </Badge>
                <Text>
                  {words('workspace.doc.', item.kind)} (
                  {item.requiredFor.map((r) => `${benefit(r.benefitCode)} ${r.clause}`).join(', ')})
                </Text>
              </Group>
            </List.Item>
          ))}
        </List>
      )}
      <Title order={3}>{t('workspace.files')}</Title>
      {docs.error && <ProblemAlert error={docs.error} />}
      {docs.data?.items.length === 0 && <Text>{t('workspace.noDocuments')}</Text>}
      {docs.data && docs.data.items.length > 0 && (
        <ScrollTable label={t('workspace.files')} minWidth={560}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('workspace.filename')}</Table.Th>
                <Table.Th>{t('workspace.documentKind')}</Table.Th>
                <Table.Th>{t('workspace.source')}</Table.Th>
                <Table.Th>{t('workspace.received')}</Table.Th>
                <Table.Th>
                  <VisuallyHidden>{t('workspace.view')}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {docs.data.items.map((d) => (
                <Table.Tr key={d.id}>
                  <Table.Td>{d.filename}</Table.Td>
                  <Table.Td>{d.kind ? words('workspace.doc.', d.kind) : '—'}</Table.Td>
                  <Table.Td>{words('workspace.docSource.', d.source)}</Table.Td>
                  <Table.Td>{formatDateTime(d.createdAt, i18n.language)}</Table.Td>
                  <Table.Td>
                    <Button
                      size="xs"
                      variant="default"
                      aria-pressed={shown === d.id}
                      aria-label={t('workspace.viewFile', { name: d.filename })}
                      onClick={() => setShown(shown === d.id ? null : d.id)}
                    >
                      {t('workspace.view')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      )}
      {shownDoc && <DocumentViewer doc={shownDoc} />}
      <UploadDocument claimRef={claimRef} claimId={claim.id} />
    </Stack>
  );
}
