import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { formatDate } from '../../i18n/format.ts';
import type { Product, ProductVersion } from './admin-types.ts';
import { notifyDone } from './notify.ts';

/**
 * Activating puts a draft's terms in force for claims whose date of loss is on or after its
 * effective date; customers then see them cited in their assessments. A saved version can never
 * be edited again, so the dialog says exactly what happens before anything is sent.
 */
export function ActivateVersion({ product, version }: { product: Product; version: ProductVersion }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [opened, setOpened] = useState(false);
  const activate = useMutation({
    mutationFn: () =>
      api<ProductVersion>('POST', `/products/${product.id}/versions/${version.id}/activate`, {}),
    onSuccess: async (v) => {
      setOpened(false);
      notifyDone(t('admin.activate.done', { version: v.version }));
      await queryClient.invalidateQueries({ queryKey: ['admin', 'products'] });
    },
  });
  return (
    <>
      <Button size="xs" onClick={() => setOpened(true)}>
        {t('admin.activate.button', { version: version.version })}
      </Button>
      <Modal
        opened={opened}
        onClose={() => setOpened(false)}
        title={t('admin.activate.title', { version: version.version, code: product.code })}
        closeButtonProps={{ 'aria-label': t('admin.close') }}
      >
        <Stack>
          <Text>
            {t('admin.activate.explain', {
              date: formatDate(version.effectiveFrom, i18n.language),
              version: version.version,
            })}
          </Text>
          <Text>{t('admin.activate.customers')}</Text>
          {activate.error ? <ProblemAlert error={activate.error} /> : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setOpened(false)}>
              {t('admin.cancel')}
            </Button>
            <Button loading={activate.isPending} onClick={() => activate.mutate()}>
              {t('admin.activate.confirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
