import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import type { ActionProps } from './action-props.ts';
import { TextAction } from './text-action.tsx';

// An internal note (POST /claims/{ref}/notes): staff read it, the customer never does.
export function NoteAction(props: ActionProps) {
  const { t } = useTranslation();
  return (
    <TextAction
      {...props}
      maxLength={5000}
      texts={{
        title: t('workspace.note.title'),
        label: t('workspace.note.body'),
        confirm: t('workspace.note.confirm'),
        preview: t('workspace.note.preview'),
        done: t('workspace.note.done'),
      }}
      send={(body, key) =>
        api(
          'POST',
          `/claims/${encodeURIComponent(props.claimRef)}/notes`,
          { body },
          { 'Idempotency-Key': key },
        )
      }
    />
  );
}
