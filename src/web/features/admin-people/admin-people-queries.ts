import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { Department, PermissionMatrix, Team, UserFilters, UserPage } from './admin-people-types.ts';

// The reads behind the users screen. Teams and departments fill the pickers; they change rarely.

export const PAGE_SIZE = 50;

export function usersQueryString(filters: UserFilters, offset: number): string {
  const params = new URLSearchParams({ limit: String(PAGE_SIZE), offset: String(offset) });
  for (const [name, value] of Object.entries(filters)) if (value) params.set(name, value.trim());
  return params.toString();
}

export function useUsers(filters: UserFilters, offset: number) {
  return useQuery({
    queryKey: ['admin-users', filters, offset],
    queryFn: () => api<UserPage>('GET', `/users?${usersQueryString(filters, offset)}`),
  });
}

export function useTeams() {
  return useQuery({
    queryKey: ['admin-teams'],
    queryFn: async () => (await api<{ items: Team[] }>('GET', '/teams')).items,
    staleTime: 300_000,
  });
}

export function useDepartments() {
  return useQuery({
    queryKey: ['admin-departments'],
    queryFn: async () => (await api<{ items: Department[] }>('GET', '/departments')).items,
    staleTime: 300_000,
  });
}

export function usePermissionMatrix() {
  return useQuery({
    queryKey: ['admin-permissions'],
    queryFn: () => api<PermissionMatrix>('GET', '/permissions'),
    staleTime: 300_000,
  });
}
