import { notifications } from '@mantine/notifications';
import i18next from 'i18next';

/** A success notice, with a named close button (axe: a button needs a name). */
export function notifyDone(message: string): void {
  notifications.show({
    color: 'green',
    message,
    closeButtonProps: { 'aria-label': i18next.t('admin.close') },
  });
}
