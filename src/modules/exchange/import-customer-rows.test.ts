import { describe, expect, it } from 'vitest';
import { generateSwedishPersonalNumber } from '../../lib/national-id/index.ts';
import { customerChanges, type StoredCustomer, validateCustomerImportRow } from './import-customer-rows.ts';

const nid = generateSwedishPersonalNumber({ birthDate: '1980-05-17', sex: 'female', serial: 12 });

const record = (overrides: Record<string, string> = {}) => ({
  national_id: `${nid.slice(2, 8)}-${nid.slice(8)}`, // the short form, as source systems write it
  national_id_country: 'se',
  given_name: 'Anna',
  family_name: 'Lindqvist',
  preferred_language: 'SV',
  country: 'se',
  email: 'Anna@Example.SE',
  phone: '+46 70-123 45 67',
  street: 'Storgatan 1',
  postal_code: '111 22',
  city: 'Stockholm',
  address_country: '',
  time_zone: '',
  ...overrides,
});

describe('validateCustomerImportRow', () => {
  it('normalises what the desk normalises: national id, case, phone, address country', () => {
    const checked = validateCustomerImportRow(record());
    expect(checked).toEqual({
      ok: true,
      row: {
        nationalIdCountry: 'SE',
        nationalId: nid,
        birthDate: '1980-05-17',
        fields: {
          given_name: 'Anna',
          family_name: 'Lindqvist',
          preferred_language: 'sv',
          country: 'SE',
          email: 'anna@example.se',
          phone: '+46701234567',
          address: { street: 'Storgatan 1', postalCode: '111 22', city: 'Stockholm', country: 'SE' },
          time_zone: undefined,
        },
      },
    });
  });

  it('reports every problem of a row by column', () => {
    const checked = validateCustomerImportRow(
      record({
        given_name: '',
        preferred_language: 'de',
        city: '',
        national_id: '19800517-0000',
        time_zone: 'Mars/Olympus',
      }),
    );
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.issues.map((i) => [i.column, i.code])).toEqual([
      ['city', 'required'],
      ['given_name', 'required'],
      ['preferred_language', 'invalid_value'],
      ['time_zone', 'invalid_value'],
      ['national_id', 'national_id_invalid_checksum'],
    ]);
  });

  it('leaves optional fields out when empty, so they are not compared', () => {
    const checked = validateCustomerImportRow(
      record({ email: '', phone: '', street: '', postal_code: '', city: '' }),
    );
    expect(checked.ok && checked.row.fields).toMatchObject({
      email: undefined,
      phone: undefined,
      address: undefined,
    });
  });
});

describe('customerChanges', () => {
  const stored: StoredCustomer = {
    given_name: 'Anna',
    family_name: 'Lindqvist',
    preferred_language: 'sv',
    country: 'SE',
    email: 'anna@example.se',
    phone: '+46701234567',
    address: { city: 'Stockholm', country: 'SE', postalCode: '111 22', street: 'Storgatan 1' },
    time_zone: 'Europe/Stockholm',
  };
  const fields = () => {
    const checked = validateCustomerImportRow(record());
    if (!checked.ok) throw new Error('fixture invalid');
    return checked.row.fields;
  };

  it('finds nothing when only the key order of the address or absent fields differ', () => {
    expect(customerChanges(stored, fields())).toEqual([]);
  });

  it('lists the fields that differ with old and new value', () => {
    const base = fields();
    const address = base.address ? { ...base.address, city: 'Uppsala' } : undefined;
    const changed = { ...base, family_name: 'Berg', address };
    expect(customerChanges(stored, changed)).toEqual([
      { field: 'family_name', from: 'Lindqvist', to: 'Berg' },
      { field: 'address', from: stored.address, to: changed.address },
    ]);
    expect(customerChanges({ ...stored, email: null }, fields())).toEqual([
      { field: 'email', from: null, to: 'anna@example.se' },
    ]);
  });
});
