import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { Page } from '../../api/types.ts';
import type { Customer, ScreenPop } from './intake-types.ts';

// What a representative types with a caller on the line: a claim, case or referral number goes
// straight to its record; anything else searches customers by name, personnummer, codice fiscale,
// email and phone (GET /customers?q=). The customer search matches a phone only as stored (E.164),
// so a number typed the way people say it (070-123 45 67) is also looked up through the screen-pop,
// which reads every usual format.

export type Jump = { kind: 'claim' | 'case' | 'referral'; reference: string; to: string };

const REFERENCES: { kind: Jump['kind']; pattern: RegExp; base: string }[] = [
  { kind: 'claim', pattern: /^CLM-\d{4}-\d{1,9}$/, base: '/desk/claims/' },
  { kind: 'case', pattern: /^CASE-\d{4}-\d{1,9}$/, base: '/desk/cases/' },
  { kind: 'referral', pattern: /^RFR-\d{4}-\d{1,9}$/, base: '/desk/referrals/' },
];

export function referenceIn(text: string): Jump | null {
  const reference = text.trim().toUpperCase();
  for (const r of REFERENCES) {
    if (r.pattern.test(reference)) return { kind: r.kind, reference, to: `${r.base}${reference}` };
  }
  return null;
}

/** Digits with the usual phone punctuation, 7 to 15 digits: worth asking the screen-pop too. */
export function looksLikePhone(text: string): boolean {
  const t = text.trim();
  const digits = t.replace(/\D/g, '').length;
  return /^\+?[\d\s()-]+$/.test(t) && digits >= 7 && digits <= 15;
}

export type CustomerHit = Pick<
  Customer,
  'id' | 'customerNumber' | 'givenName' | 'familyName' | 'nationalId' | 'phone' | 'email'
>;

async function searchCustomers(q: string): Promise<CustomerHit[]> {
  const [byText, byPhone] = await Promise.all([
    api<Page<Customer>>('GET', `/customers?limit=20&q=${encodeURIComponent(q)}`),
    looksLikePhone(q)
      ? api<ScreenPop>('GET', `/screen-pop?number=${encodeURIComponent(q)}`).catch(() => null)
      : Promise.resolve(null),
  ]);
  const hits: CustomerHit[] = [...byText.items];
  for (const c of byPhone?.customers ?? []) {
    if (hits.some((h) => h.id === c.id)) continue;
    const [givenName = '', ...rest] = c.name.split(' ');
    hits.push({
      id: c.id,
      customerNumber: c.customerNumber,
      givenName,
      familyName: rest.join(' '),
      nationalId: '',
      phone: c.phone,
      email: null,
    });
  }
  return hits;
}

/** Customers matching `q` (at least two characters; a record number is not searched, it is a jump). */
export function useCustomerSearch(q: string) {
  const text = q.trim();
  const enabled = text.length >= 2 && referenceIn(text) === null;
  return useQuery({
    queryKey: ['customer-search', text],
    queryFn: () => searchCustomers(text),
    enabled,
    staleTime: 30_000,
  });
}
