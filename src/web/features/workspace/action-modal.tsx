import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { type FormEvent, type ReactNode, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem } from '../../api/client.ts';
import { ProblemAlert } from '../../components/problem-alert.tsx';

// Every workspace action goes through two steps in one dialog: the form, then a confirmation that
// shows exactly what the customer will receive (or says that they receive nothing). Nothing is
// sent before "Confirm"; the server's problem details stay in the dialog so the form can be fixed.

export function ActionModal({
  opened,
  onClose,
  title,
  form,
  preview,
  customerSees,
  confirmLabel,
  pending,
  error,
  onConfirm,
  onReview,
}: {
  opened: boolean;
  onClose: () => void;
  title: string;
  form: ReactNode;
  preview: ReactNode;
  /** false: the confirmation says the customer is not told (internal actions). */
  customerSees: boolean;
  confirmLabel: string;
  pending: boolean;
  error: unknown;
  onConfirm: () => void;
  /** Checks the form before the confirmation step; returns false to stay on the form. */
  onReview?: () => boolean;
}) {
  const { t } = useTranslation();
  const [step, setStep] = useState<'form' | 'confirm'>('form');
  // The "Review" button that had focus is gone once the confirmation shows: focus goes to the
  // confirm button (data-autofocus acts only when the dialog opens), not to the page's body.
  const confirmRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (step === 'confirm') confirmRef.current?.focus();
  }, [step]);
  // Each opening starts again at the form.
  useEffect(() => {
    if (opened) setStep('form');
  }, [opened]);
  const close = () => {
    setStep('form');
    onClose();
  };
  const review = (event: FormEvent) => {
    event.preventDefault();
    if (onReview && !onReview()) return;
    setStep('confirm');
  };
  return (
    <Modal
      opened={opened}
      onClose={close}
      title={title}
      size="lg"
      closeButtonProps={{ 'aria-label': t('workspace.close') }}
    >
      {step === 'form' ? (
        <form onSubmit={review}>
          <Stack>
            {form}
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                {t('workspace.cancel')}
              </Button>
              <Button type="submit">{t('workspace.review')}</Button>
            </Group>
          </Stack>
        </form>
      ) : (
        <Stack>
          <Alert
            color={customerSees ? 'indigo' : 'gray'}
            title={customerSees ? t('workspace.customerReceives') : t('workspace.internalOnly')}
          >
            <Stack gap="xs">{preview}</Stack>
          </Alert>
          {error ? <ActionError error={error} /> : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setStep('form')} disabled={pending}>
              {t('workspace.back')}
            </Button>
            <Button ref={confirmRef} onClick={onConfirm} loading={pending} data-autofocus>
              {confirmLabel}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}

/** The server's problem, plus what to do when someone changed the claim meanwhile. */
export function ActionError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const conflict = error instanceof ApiProblem && error.code === 'version_conflict';
  return (
    <Stack gap="xs">
      <ProblemAlert error={error} />
      {conflict && (
        <Group>
          <Text size="sm">{t('workspace.conflictHint')}</Text>
          <Button size="xs" variant="default" onClick={() => window.location.reload()}>
            {t('workspace.reload')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
