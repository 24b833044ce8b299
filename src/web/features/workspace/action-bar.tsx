import { Button, Group, Kbd } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export type ActionName = 'approve' | 'partial' | 'deny' | 'request' | 'escalate' | 'refer' | 'note' | 'call';

/** The actions in the order a representative uses them, each with its keyboard shortcut. */
export const ACTIONS: { name: ActionName; keys: string; labelKey: string; decides: boolean }[] = [
  { name: 'approve', keys: 'a', labelKey: 'workspace.action.approve', decides: true },
  { name: 'partial', keys: 'p', labelKey: 'workspace.action.partial', decides: true },
  { name: 'deny', keys: 'x', labelKey: 'workspace.action.deny', decides: true },
  { name: 'request', keys: 'r', labelKey: 'workspace.action.request', decides: true },
  { name: 'escalate', keys: 'e', labelKey: 'workspace.action.escalate', decides: true },
  { name: 'refer', keys: 'f', labelKey: 'workspace.action.refer', decides: false },
  { name: 'note', keys: 'n', labelKey: 'workspace.action.note', decides: false },
  { name: 'call', keys: 'c', labelKey: 'workspace.action.call', decides: false },
];

export function ActionBar({ onOpen, canDecide }: { onOpen: (a: ActionName) => void; canDecide: boolean }) {
  const { t } = useTranslation();
  return (
    <Group gap="xs" role="toolbar" aria-label={t('workspace.actions')} wrap="wrap">
      {ACTIONS.map((a) => (
        <Button
          key={a.name}
          size="sm"
          variant={a.name === 'approve' ? 'filled' : 'default'}
          disabled={a.decides && !canDecide}
          aria-keyshortcuts={a.keys}
          onClick={() => onOpen(a.name)}
          // The key is shown, but announced through aria-keyshortcuts rather than read as part of the name.
          rightSection={
            <Kbd size="xs" aria-hidden>
              {a.keys}
            </Kbd>
          }
        >
          {t(a.labelKey)}
        </Button>
      ))}
    </Group>
  );
}
