import { Group, NativeSelect, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';

// The queue's sort and filters. The server sorts and filters (keyset pages stay correct for any
// queue size); this only collects the choice.

export const SORTS = ['deadline', 'priority', 'amount'] as const;
export const KINDS = ['claim', 'service_case', 'referral', 'triage'] as const;
export const STATES = ['on_track', 'warning', 'breached', 'paused', 'none'] as const;

export type QueueFilter = {
  sort: (typeof SORTS)[number];
  kind: (typeof KINDS)[number] | '';
  deadlineState: (typeof STATES)[number] | '';
  product: string;
};

export const NO_FILTER: QueueFilter = { sort: 'deadline', kind: '', deadlineState: '', product: '' };

export function queueQuery(f: QueueFilter): string {
  const p = new URLSearchParams();
  if (f.sort !== 'deadline') p.set('sort', f.sort);
  if (f.kind) p.set('kind', f.kind);
  if (f.deadlineState) p.set('deadlineState', f.deadlineState);
  if (f.product.trim()) p.set('product', f.product.trim());
  const s = p.toString();
  return s ? `&${s}` : '';
}

export function QueueFilters({
  value,
  onChange,
}: {
  value: QueueFilter;
  onChange: (f: QueueFilter) => void;
}) {
  const { t } = useTranslation();
  return (
    <Group mt="md" align="end" wrap="wrap">
      <NativeSelect
        label={t('supervisor.queue.sort')}
        value={value.sort}
        onChange={(e) => onChange({ ...value, sort: e.currentTarget.value as QueueFilter['sort'] })}
        data={SORTS.map((s) => ({ value: s, label: t(`supervisor.queue.sort.${s}`) }))}
      />
      <NativeSelect
        label={t('supervisor.queue.kind')}
        value={value.kind}
        onChange={(e) => onChange({ ...value, kind: e.currentTarget.value as QueueFilter['kind'] })}
        data={[
          { value: '', label: t('supervisor.queue.any') },
          ...KINDS.map((k) => ({ value: k, label: t(`supervisor.kind.${k}`) })),
        ]}
      />
      <NativeSelect
        label={t('supervisor.queue.deadlineState')}
        value={value.deadlineState}
        onChange={(e) =>
          onChange({ ...value, deadlineState: e.currentTarget.value as QueueFilter['deadlineState'] })
        }
        data={[
          { value: '', label: t('supervisor.queue.any') },
          ...STATES.map((s) => ({ value: s, label: t(`deadline.${s}`) })),
        ]}
      />
      <TextInput
        label={t('supervisor.queue.product')}
        placeholder={t('supervisor.queue.productPlaceholder')}
        value={value.product}
        onChange={(e) => onChange({ ...value, product: e.currentTarget.value })}
      />
    </Group>
  );
}
