import { Text, Textarea } from '@mantine/core';
import { useEffect, useState } from 'react';
import { ActionModal } from './action-modal.tsx';
import type { ActionProps } from './action-props.ts';
import { useClaimAction } from './use-claim-action.ts';

/** The words of a one-text-field action, already translated. */
export type TextActionTexts = {
  title: string;
  label: string;
  confirm: string;
  /** The line above the quoted text in the review step. */
  preview: string;
  done: string;
};

// A workspace action whose whole form is one text (an internal note, an escalation's reason):
// type, review the text as it will be stored, confirm. Staff-only: the customer never sees it.
// The text is emptied after a success, so the next opening starts blank.
export function TextAction({
  claim,
  claimRef,
  opened,
  onClose,
  texts,
  maxLength,
  send,
}: ActionProps & {
  texts: TextActionTexts;
  maxLength: number;
  send: (text: string, idempotencyKey: string) => Promise<unknown>;
}) {
  const [text, setText] = useState('');
  const action = useClaimAction(
    claimRef,
    send,
    () => ({ title: texts.done, message: claim.claimNumber }),
    () => {
      setText('');
      onClose();
    },
  );
  // biome-ignore lint/correctness/useExhaustiveDependencies: a fresh attempt each time the dialog opens.
  useEffect(() => {
    if (opened) action.start();
  }, [opened]);
  return (
    <ActionModal
      opened={opened}
      onClose={onClose}
      title={texts.title}
      customerSees={false}
      confirmLabel={texts.confirm}
      pending={action.isPending}
      error={action.error}
      onConfirm={() => action.mutate(text.trim())}
      onReview={() => text.trim().length > 0}
      form={
        <Textarea
          label={texts.label}
          required
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          autosize
          minRows={3}
          maxLength={maxLength}
        />
      }
      preview={
        <>
          <Text>{texts.preview}</Text>
          <Text fs="italic" style={{ whiteSpace: 'pre-wrap' }}>
            “{text.trim()}”
          </Text>
        </>
      }
    />
  );
}
