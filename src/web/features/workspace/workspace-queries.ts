import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type {
  Checklist,
  ClaimNote,
  ClaimWork,
  Customer,
  DocumentMeta,
  InformationRequestView,
  Ledger,
  PaymentOrder,
  Policy,
  Product,
  TimelineEntry,
  WorkspaceClaim,
} from './workspace-types.ts';

// Everything the workspace reads, each under ['workspace', claimRef, …] so that an action can
// reload all of it at once. The claim itself keeps the key the portal and the queue use.

const enc = encodeURIComponent;

export function useClaim(ref: string) {
  return useQuery({
    queryKey: ['claim', ref],
    queryFn: () => api<WorkspaceClaim>('GET', `/claims/${enc(ref)}`),
  });
}

export function usePolicy(ref: string, policyId: string) {
  return useQuery({
    queryKey: ['workspace', ref, 'policy', policyId],
    queryFn: () => api<Policy>('GET', `/policies/${enc(policyId)}`),
  });
}

export function useProduct(ref: string, productId: string | undefined) {
  return useQuery({
    queryKey: ['workspace', ref, 'product', productId],
    queryFn: () => api<Product>('GET', `/products/${enc(productId ?? '')}`),
    enabled: !!productId,
  });
}

export function useCustomer(ref: string, customerId: string) {
  return useQuery({
    queryKey: ['workspace', ref, 'customer', customerId],
    queryFn: () => api<Customer>('GET', `/customers/${enc(customerId)}`),
  });
}

export function useClaimWork(ref: string) {
  return useQuery({
    queryKey: ['workspace', ref, 'work'],
    queryFn: () => api<ClaimWork>('GET', `/claims/${enc(ref)}/work`),
  });
}

export function usePayments(ref: string, claimId: string, decided: boolean) {
  return useQuery({
    queryKey: ['workspace', ref, 'payments'],
    queryFn: () => api<{ items: PaymentOrder[] }>('GET', `/payments?claim=${enc(claimId)}&limit=20`),
    enabled: decided,
  });
}

export function useLedger(ref: string, decided: boolean) {
  return useQuery({
    queryKey: ['workspace', ref, 'ledger'],
    queryFn: () => api<Ledger>('GET', `/claims/${enc(ref)}/ledger`),
    enabled: decided,
  });
}

export function useDocuments(ref: string, claimId: string) {
  return useQuery({
    queryKey: ['workspace', ref, 'documents'],
    queryFn: () =>
      api<{ items: DocumentMeta[] }>('GET', `/documents?entityType=claim&entityId=${enc(claimId)}`),
  });
}

export function useChecklist(ref: string) {
  return useQuery({
    queryKey: ['workspace', ref, 'checklist'],
    queryFn: () => api<Checklist>('GET', `/claims/${enc(ref)}/documents/checklist`),
  });
}

export function useNotes(ref: string) {
  return useQuery({
    queryKey: ['workspace', ref, 'notes'],
    queryFn: () => api<{ items: ClaimNote[] }>('GET', `/claims/${enc(ref)}/notes`),
  });
}

/** The customer's timeline, newest first, one keyset page at a time ("show more"). */
export function useTimeline(ref: string, customerId: string) {
  return useInfiniteQuery({
    queryKey: ['workspace', ref, 'timeline', customerId],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) =>
      api<{ items: TimelineEntry[]; nextCursor: string | null }>(
        'GET',
        `/customers/${enc(customerId)}/timeline?limit=15${pageParam ? `&cursor=${enc(pageParam)}` : ''}`,
      ),
    getNextPageParam: (last) => last.nextCursor,
  });
}

/** The requests for information with what the customer answered and sent, oldest first. */
export function useInformationRequests(ref: string) {
  return useQuery({
    queryKey: ['workspace', ref, 'information-requests'],
    queryFn: () =>
      api<{ items: InformationRequestView[] }>('GET', `/claims/${enc(ref)}/information-requests`),
  });
}
