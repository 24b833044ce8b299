import { Kbd, Modal, Table, Text } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { activeShortcuts, onShortcutsChange, type Shortcut, useShortcut } from '../app/shortcuts.ts';

// The `?` overlay: every shortcut registered right now (the screen shown decides which), with its
// text. Mounted once in the layout, so `?` works from anywhere in the app.
export function ShortcutHelp() {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  const [list, setList] = useState<Shortcut[]>(activeShortcuts());
  useEffect(() => onShortcutsChange(() => setList(activeShortcuts())), []);
  useShortcut(
    '?',
    'shortcuts.help',
    useCallback(() => setOpened((o) => !o), []),
  );
  return (
    <Modal
      opened={opened}
      onClose={() => setOpened(false)}
      title={t('shortcuts.title')}
      closeButtonProps={{ 'aria-label': t('shortcuts.close') }}
    >
      {list.length === 0 ? (
        <Text>{t('shortcuts.none')}</Text>
      ) : (
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('shortcuts.key')}</Table.Th>
              <Table.Th>{t('shortcuts.action')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.map((s) => (
              <Table.Tr key={`${s.keys}-${s.labelKey}`}>
                <Table.Td>
                  <Kbd>{s.keys.replace('mod+', 'Ctrl+')}</Kbd>
                </Table.Td>
                <Table.Td>{t(s.labelKey)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Modal>
  );
}
