import { describe, expect, it } from 'vitest';
import { destinationOf } from './delivery-destination.ts';

const home = { street: 'Storgatan 1', postalCode: '111 22', city: 'Stockholm', country: 'SE' };
const old = { street: 'Gamla vägen 2', postalCode: '222 33', city: 'Lund', country: 'SE' };

describe('where a customer notice goes', () => {
  it('by email to the customer, or by letter to their address', () => {
    expect(destinationOf({ channel: 'email', recipient: null }, { email: 'a@x.se', address: home })).toEqual({
      channel: 'email',
      email: 'a@x.se',
      note: null,
    });
    expect(destinationOf({ channel: 'letter', recipient: null }, { email: 'a@x.se', address: home })).toEqual(
      {
        channel: 'letter',
        address: home,
        note: null,
      },
    );
  });

  it('an email notice to a customer without an email address becomes a letter, and says so', () => {
    const d = destinationOf({ channel: 'email', recipient: null }, { email: null, address: home });
    expect(d).toMatchObject({ channel: 'letter', address: home });
    expect('note' in d && d.note).toMatch(/no email address/);
  });

  it('an explicit recipient is used, and never swapped for the current details', () => {
    const customer = { email: 'new@x.se', address: home };
    expect(destinationOf({ channel: 'email', recipient: { email: 'old@x.se' } }, customer)).toMatchObject({
      channel: 'email',
      email: 'old@x.se',
    });
    expect(destinationOf({ channel: 'letter', recipient: { address: old } }, customer)).toMatchObject({
      channel: 'letter',
      address: old,
    });
    // Named an address only: the email notice goes there as a letter, not to the new email.
    expect(destinationOf({ channel: 'email', recipient: { address: old } }, customer)).toMatchObject({
      channel: 'letter',
      address: old,
    });
    expect(destinationOf({ channel: 'letter', recipient: { email: 'old@x.se' } }, customer)).toMatchObject({
      error: expect.stringMatching(/postal address/),
    });
  });

  it('nowhere to send is an error, not a guess', () => {
    expect(
      destinationOf({ channel: 'letter', recipient: null }, { email: null, address: null }),
    ).toMatchObject({
      channel: 'letter',
      error: expect.any(String),
    });
    expect(
      destinationOf({ channel: 'email', recipient: null }, { email: null, address: null }),
    ).toMatchObject({
      channel: 'email',
      error: expect.any(String),
    });
  });
});
