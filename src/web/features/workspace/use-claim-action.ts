import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * One workspace action: runs the request, then reloads everything shown about the claim and
 * tells the user what happened. The Idempotency-Key is made once per dialog opening, so that a
 * second click or a retry after a lost answer cannot create the thing twice.
 */
export function useClaimAction<V, R>(
  claimRef: string,
  run: (vars: V, idempotencyKey: string) => Promise<R>,
  done: (result: R) => { title: string; message: string; color?: string },
  after?: () => void,
) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const key = useRef<string>(crypto.randomUUID());
  const mutation = useMutation({
    mutationFn: (vars: V) => run(vars, key.current),
    onSuccess: async (result) => {
      const note = done(result);
      notifications.show({
        title: note.title,
        message: note.message,
        color: note.color ?? 'green',
        closeButtonProps: { 'aria-label': t('workspace.close') },
      });
      key.current = crypto.randomUUID();
      after?.();
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['claim', claimRef] }),
        queryClient.invalidateQueries({ queryKey: ['workspace', claimRef] }),
        queryClient.invalidateQueries({ queryKey: ['queue'] }),
      ]);
    },
  });
  return {
    ...mutation,
    /** Forget the last error and start a fresh attempt (a new dialog). */
    start: () => {
      mutation.reset();
      key.current = crypto.randomUUID();
    },
  };
}
