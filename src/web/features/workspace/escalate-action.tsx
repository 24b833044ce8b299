import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import type { ActionProps } from './action-props.ts';
import { TextAction } from './text-action.tsx';

// Hand the claim to the supervisor with the reason. The customer is not told: the claim simply
// stays with the company.
export function EscalateAction(props: ActionProps) {
  const { t } = useTranslation();
  const { claim, claimRef } = props;
  return (
    <TextAction
      {...props}
      maxLength={2000}
      texts={{
        title: t('workspace.escalate.title'),
        label: t('workspace.escalate.reason'),
        confirm: t('workspace.escalate.confirm'),
        preview: t('workspace.escalate.preview'),
        done: t('workspace.escalate.done'),
      }}
      send={(reason, idempotencyKey) =>
        api(
          'POST',
          `/claims/${encodeURIComponent(claimRef)}/escalation`,
          { reason, version: claim.version },
          { 'idempotency-key': idempotencyKey },
        )
      }
    />
  );
}
