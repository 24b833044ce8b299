import { useMe } from '../../app/session.ts';

/** Only administrators change configuration; auditors see the same pages without the buttons. */
export function useIsAdmin(): boolean {
  return useMe().data?.role === 'administrator';
}
