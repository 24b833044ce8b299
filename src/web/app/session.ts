import { useQuery } from '@tanstack/react-query';
import { ApiProblem, api } from '../api/client.ts';
import type { Me } from '../api/types.ts';

// Who is signed in, from the session cookie: null when nobody is (401).
export function useMe() {
  return useQuery({
    queryKey: ['me'],
    queryFn: async (): Promise<Me | null> => {
      try {
        return await api<Me>('GET', '/auth/me');
      } catch (error) {
        if (error instanceof ApiProblem && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: 60_000,
  });
}

/** Where a person works after signing in: customers in the portal, staff at the desk. */
export function homeOf(me: Me): '/portal' | '/desk' {
  return me.role === 'customer' ? '/portal' : '/desk';
}
