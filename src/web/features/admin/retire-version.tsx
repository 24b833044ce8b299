import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem, api } from '../../api/client.ts';
import { localDay } from '../../app/local-day.ts';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { formatDate } from '../../i18n/format.ts';
import type { Product, ProductVersion } from './admin-types.ts';
import { notifyDone } from './notify.ts';
import { READABLE_ERRORS } from './readable.ts';

// The browser's own day; the server judges "not in the past" on the product's calendar and says so.
const today = () => localDay();

/**
 * Retiring ends a version for dates of loss from a day on (the server's rule: its period closes
 * there, earlier claims keep it, past assessments still cite it). The dialog says exactly that,
 * with the date chosen, before anything is sent. When it is the only version in force the server
 * refuses (409) and its problem shows here as it came.
 */
export function RetireVersion({ product, version }: { product: Product; version: ProductVersion }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [opened, setOpened] = useState(false);
  const [retireFrom, setRetireFrom] = useState(today);
  const [reason, setReason] = useState('');
  const retire = useMutation({
    mutationFn: () =>
      api<ProductVersion>('POST', `/products/${product.id}/versions/${version.id}/retire`, {
        retireFrom,
        ...(reason.trim() ? { reason: reason.trim() } : {}),
      }),
    onSuccess: async (v) => {
      setOpened(false);
      notifyDone(t('admin.retire.done', { version: v.version }));
      await queryClient.invalidateQueries({ queryKey: ['admin', 'products'] });
    },
  });
  const problem = retire.error instanceof ApiProblem ? retire.error : null;
  const dateError = problem?.errors.find((e) => e.path[0] === 'retireFrom')?.message;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    retire.mutate();
  };
  return (
    <>
      <Button
        size="xs"
        variant="default"
        onClick={() => {
          retire.reset();
          setOpened(true);
        }}
      >
        {t('admin.retire.button', { version: version.version })}
      </Button>
      <Modal
        opened={opened}
        onClose={() => setOpened(false)}
        title={t('admin.retire.title', { version: version.version, code: product.code })}
        closeButtonProps={{ 'aria-label': t('admin.close') }}
      >
        <form onSubmit={submit} style={READABLE_ERRORS}>
          <Stack>
            <TextInput
              type="date"
              required
              label={t('admin.retire.from')}
              value={retireFrom}
              onChange={(e) => setRetireFrom(e.currentTarget.value)}
              error={dateError}
            />
            <Text>
              {t('admin.retire.explain', {
                date: retireFrom ? formatDate(retireFrom, i18n.language) : '—',
                version: version.version,
              })}
            </Text>
            <Text>{t('admin.retire.keeps')}</Text>
            <TextInput
              label={t('admin.retire.reason')}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              maxLength={500}
            />
            {retire.error && !dateError ? <ProblemAlert error={retire.error} /> : null}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setOpened(false)}>
                {t('admin.cancel')}
              </Button>
              <Button type="submit" color="red.9" loading={retire.isPending}>
                {t('admin.retire.confirm')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
