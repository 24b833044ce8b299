import { describe, expect, it } from 'vitest';
import { currencyDigits, fhirPathFor, mapFhirClaim, toMinorUnits } from './map-fhir-claim.ts';

const POLICY = 'urn:claimdesk:fhir:policy-number';
const BENEFIT = 'urn:claimdesk:fhir:benefit';

function claim(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    resourceType: 'Claim',
    identifier: [{ system: 'https://clinic.example/claims', value: 'A-1' }],
    status: 'active',
    type: { coding: [{ code: 'professional' }] },
    use: 'claim',
    patient: { identifier: { system: 'urn:claimdesk:fhir:customer-number', value: 'CUS-2026-000001' } },
    created: '2026-02-15',
    provider: { display: 'Clinic' },
    priority: { coding: [{ code: 'normal' }] },
    insurance: [
      { sequence: 1, focal: true, coverage: { identifier: { system: POLICY, value: 'POL-2026-000001' } } },
    ],
    item: [
      {
        sequence: 3,
        productOrService: { coding: [{ system: BENEFIT, code: 'MEDICAL_EXPENSES', display: 'Doctor' }] },
        servicedDate: '2026-02-14',
        net: { value: 100.25, currency: 'SEK' },
      },
    ],
    ...overrides,
  };
}

function issuesOf(resource: Record<string, unknown>) {
  const r = mapFhirClaim(resource);
  return r.ok ? [] : r.issues.map((i) => ({ path: i.path.join('.'), code: i.code }));
}

describe('mapFhirClaim', () => {
  it('maps items to lines, the identifier to externalRef, the earliest service date to the date of loss', () => {
    const r = mapFhirClaim(claim());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toMatchObject({
      policyNumber: 'POL-2026-000001',
      patient: { kind: 'customer_number', value: 'CUS-2026-000001' },
      itemSequences: [3],
      claim: {
        incidentDate: '2026-02-14',
        channel: 'api',
        externalRef: 'https://clinic.example/claims|A-1',
        lines: [
          {
            benefitCode: 'MEDICAL_EXPENSES',
            description: 'Doctor',
            serviceDate: '2026-02-14',
            amountMinor: 10_025,
            currency: 'SEK',
            provider: 'Clinic',
          },
        ],
      },
    });
  });

  it('takes the accident date over the billable period over service dates, and the accident as cause', () => {
    const withPeriod = mapFhirClaim(claim({ billablePeriod: { start: '2026-02-01T08:00:00Z' } }));
    expect(withPeriod.ok && withPeriod.value.claim.incidentDate).toBe('2026-02-01');
    const accident = mapFhirClaim(
      claim({
        billablePeriod: { start: '2026-02-01' },
        accident: { date: '2026-01-30', locationAddress: { country: 'ES' } },
      }),
    );
    expect(accident.ok && accident.value.claim).toMatchObject({
      incidentDate: '2026-01-30',
      cause: 'accident',
      incidentCountry: 'ES',
    });
    const noDate = claim();
    (noDate.item as Record<string, unknown>[])[0] = {
      ...(noDate.item as Record<string, unknown>[])[0],
      servicedDate: undefined,
    };
    expect(issuesOf(noDate)).toEqual([{ path: 'billablePeriod', code: 'required' }]);
  });

  it('resolves a contained Coverage and Patient, and refuses references it cannot resolve', () => {
    const contained = mapFhirClaim(
      claim({
        contained: [
          { resourceType: 'Coverage', id: 'c', identifier: [{ system: POLICY, value: 'POL-1' }] },
          {
            resourceType: 'Patient',
            id: 'p',
            identifier: [{ system: 'urn:oid:1.2.752.129.2.1.3.1', value: '19800101-0008' }],
          },
        ],
        insurance: [{ sequence: 1, focal: true, coverage: { reference: '#c' } }],
        patient: { reference: '#p' },
      }),
    );
    expect(contained.ok && contained.value).toMatchObject({
      policyNumber: 'POL-1',
      patient: { kind: 'national_id', country: 'SE', value: '19800101-0008' },
    });
    expect(
      issuesOf(
        claim({
          insurance: [{ sequence: 1, focal: true, coverage: { reference: 'Coverage/9' } }],
          patient: { reference: '#nobody' },
        }),
      ),
    ).toEqual([
      { path: 'insurance.0.coverage.reference', code: 'not-supported' },
      { path: 'patient.reference', code: 'not-found' },
    ]);
  });

  it('refuses what it cannot honour, each with its element path', () => {
    const item = (claim().item as Record<string, unknown>[])[0] as Record<string, unknown>;
    expect(
      issuesOf(
        claim({
          status: 'draft',
          use: 'preauthorization',
          modifierExtension: [{ url: 'x', valueBoolean: true }],
          payee: { type: { coding: [{ code: 'provider' }] } },
          insurance: [...(claim().insurance as unknown[]), { sequence: 2, focal: false, coverage: {} }],
          item: [
            { ...item, detail: [{ sequence: 1 }] },
            { ...item, sequence: 4, productOrService: { coding: [{ code: '1200' }] } },
            { ...item, sequence: 5, net: { value: 1.005, currency: 'SEK' } },
            { ...item, sequence: 6, net: { value: 1, currency: 'XYZ1' } },
          ],
        }),
      ),
    ).toEqual([
      { path: 'modifierExtension', code: 'not-supported' },
      { path: 'status', code: 'not-supported' },
      { path: 'use', code: 'not-supported' },
      { path: 'insurance.1', code: 'not-supported' },
      { path: 'payee.type', code: 'not-supported' },
      { path: 'item.0.detail', code: 'not-supported' },
      { path: 'item.1.productOrService', code: 'not-supported' },
      { path: 'item.2.net.value', code: 'value' },
      { path: 'item.3.net.currency', code: 'value' },
    ]);
  });

  it('takes a daily benefit in days (UCUM d) and checks the total against the items', () => {
    const item = (claim().item as Record<string, unknown>[])[0] as Record<string, unknown>;
    const daily = mapFhirClaim(
      claim({
        item: [
          {
            ...item,
            net: { value: 0, currency: 'SEK' },
            quantity: { value: 5, system: 'http://unitsofmeasure.org', code: 'd' },
          },
        ],
      }),
    );
    expect(daily.ok && daily.value.claim.lines[0]).toMatchObject({ amountMinor: 0, days: 5 });
    expect(issuesOf(claim({ total: { value: 99, currency: 'SEK' } }))).toEqual([
      { path: 'total.value', code: 'value' },
    ]);
    expect(issuesOf(claim({ total: { value: 100.25, currency: 'SEK' } }))).toEqual([]);
  });

  it('names the FHIR element of a NewClaim field registerClaim refused', () => {
    const r = mapFhirClaim(claim());
    if (!r.ok) throw new Error('expected a mapping');
    expect(fhirPathFor(r.value.sources, ['lines', 0, 'currency'])).toEqual(['item', 0, 'net', 'currency']);
    expect(fhirPathFor(r.value.sources, ['externalRef'])).toEqual(['identifier', 0]);
    expect(fhirPathFor(r.value.sources, ['policyId'])).toEqual(['insurance', 0, 'coverage']);
    expect(fhirPathFor(r.value.sources, ['incidentDate'])).toEqual(['item', 0, 'servicedDate']);
    expect(fhirPathFor(r.value.sources, ['unknown'])).toEqual([]);
  });
});

describe('money', () => {
  it('converts decimals to minor units exactly, refusing extra decimals', () => {
    expect(currencyDigits('SEK')).toBe(2);
    expect(currencyDigits('JPY')).toBe(0);
    expect(currencyDigits('sek')).toBeNull();
    expect(toMinorUnits(1250.5, 2)).toBe(125_050);
    expect(toMinorUnits(0.1 + 0.2, 2)).toBe(30);
    expect(toMinorUnits(1.005, 2)).toBeNull();
    expect(toMinorUnits(12, 0)).toBe(12);
    expect(toMinorUnits(1e300, 2)).toBeNull();
  });
});
