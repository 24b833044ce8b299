import { describe, expect, it } from 'vitest';
import { decimalAmount, longDate, moneyText, outcomeText } from './complaint-letter-parts.ts';
import { registerCsv } from './register-csv.ts';
import { parseRegisterPeriod, periodBounds } from './register-period.ts';
import { answeredWithin, type RegisterSource, registerRow, spreadsheetSafe } from './register-rows.ts';

const BOM = '\uFEFF';

function source(overrides: Partial<RegisterSource> = {}): RegisterSource {
  return {
    caseNumber: 'CASE-2026-000042',
    // 23:30 UTC on 2 March is 00:30 on 3 March in Stockholm and Rome.
    receivedAt: new Date('2026-03-02T23:30:00Z'),
    channel: 'email',
    jurisdiction: 'IT',
    customerNumber: 'CUS-2026-000007',
    productCode: 'HEALTH-IT',
    causeCategory: 'delay',
    requestedRemedy: 'Interest',
    acknowledgedAt: new Date('2026-03-03T08:00:00Z'),
    finalAnswerAt: new Date('2026-04-10T12:00:00Z'),
    dueAt: new Date('2026-04-17T22:00:00Z'), // end of 17 April, Rome (CEST)
    outcome: 'partially_upheld',
    compensationMinor: 150_050,
    compensationCurrency: 'EUR',
    status: 'resolved',
    ...overrides,
  };
}

describe('registerRow', () => {
  it('counts local calendar days from the day received and says whether the answer was in time', () => {
    const row = registerRow(source());
    expect(row).toMatchObject({
      receivedOn: '2026-03-03',
      acknowledgedOn: '2026-03-03',
      daysToAcknowledge: 0,
      finalAnswerOn: '2026-04-10',
      daysToAnswer: 38,
      deadlineOn: '2026-04-17',
      answeredWithinDeadline: 'yes',
      outcome: 'partially upheld',
      compensationAmount: '1500.50',
      compensationCurrency: 'EUR',
      causeCategoryLabel: 'Delay in handling or payment',
      ivassArea: 'sinistri',
    });
  });

  it('is late from the due instant on, and open until answered', () => {
    expect(answeredWithin(new Date('2026-04-17T21:59:59Z'), new Date('2026-04-17T22:00:00Z'))).toBe('yes');
    expect(answeredWithin(new Date('2026-04-17T22:00:00Z'), new Date('2026-04-17T22:00:00Z'))).toBe('no');
    const open = registerRow(
      source({
        finalAnswerAt: null,
        outcome: null,
        compensationMinor: null,
        compensationCurrency: null,
        status: 'open',
      }),
    );
    expect(open).toMatchObject({
      answeredWithinDeadline: 'open',
      finalAnswerOn: null,
      daysToAnswer: null,
      compensationAmount: null,
    });
  });
});

describe('register CSV', () => {
  it('is UTF-8 with a BOM and a header row, and only the header for no complaints', () => {
    const csv = registerCsv([]);
    expect(csv.startsWith(BOM)).toBe(true);
    expect(csv).toBe(
      `${BOM}case_number,received_date,channel,jurisdiction,customer_number,product_code,cause_category,cause_category_label,ivass_area,requested_remedy,acknowledged_date,days_to_acknowledge,final_answer_date,days_to_answer,deadline_date,answered_within_deadline,outcome,compensation_amount,compensation_currency,status\r\n`,
    );
  });

  it('quotes commas, quotes and line breaks in text and defuses formulas', () => {
    const csv = registerCsv([
      registerRow(source({ requestedRemedy: 'Pay 1,500 kr, as "promised"\nand say sorry' })),
      registerRow(source({ requestedRemedy: '=HYPERLINK("http://x")' })),
    ]);
    const [, first, second] = csv.split('\r\n');
    expect(first).toContain(',"Pay 1,500 kr, as ""promised""\nand say sorry",');
    expect(second).toContain(',"\'=HYPERLINK(""http://x"")",');
    expect(spreadsheetSafe('-1')).toBe("'-1");
    expect(spreadsheetSafe('Plain')).toBe('Plain');
  });
});

describe('register period', () => {
  it('refuses bad dates and a period that ends before it starts, with field paths', () => {
    const problem = (q: unknown) => {
      try {
        parseRegisterPeriod(q);
      } catch (e) {
        return (e as { errors: { in: string; path: unknown[] }[] }).errors.map(
          (x) => `${x.in}:${x.path.join('.')}`,
        );
      }
      return [];
    };
    expect(problem({ from: '2026-02-30', to: 'soon' })).toEqual(['query:from', 'query:to']);
    expect(problem({ from: '2026-03-02', to: '2026-03-01' })).toEqual(['query:to']);
    expect(problem({ from: '2026-03-01', to: '2026-03-01', jurisdiction: 'FR' })).toEqual([
      'query:jurisdiction',
    ]);
    expect(parseRegisterPeriod({ from: '2026-03-01', to: '2026-03-31' })).toEqual({
      from: '2026-03-01',
      to: '2026-03-31',
      jurisdiction: null,
    });
  });

  it('covers whole local days, daylight saving included', () => {
    const b = periodBounds({ from: '2026-03-01', to: '2026-03-31', jurisdiction: null }, 'SE');
    expect(b.start.toISOString()).toBe('2026-02-28T23:00:00.000Z');
    expect(b.end.toISOString()).toBe('2026-03-31T22:00:00.000Z');
  });
});

describe('letter parts', () => {
  it('write dates and money as each language does', () => {
    expect(longDate('2026-03-03', 'sv')).toBe('3 mars 2026');
    expect(longDate('2026-03-03', 'it')).toBe('3 marzo 2026');
    expect(longDate('2026-03-03', 'en')).toBe('3 March 2026');
    expect(decimalAmount(5, 'SEK')).toBe('0.05');
    expect(decimalAmount(1200, 'JPY')).toBe('1200');
    expect(moneyText(150_000, 'SEK', 'sv').replace(/\s/g, ' ')).toBe('1 500,00 kr');
    expect(outcomeText('upheld', { minor: 8000, currency: 'EUR' }, 'en')).toBe(
      'We uphold your complaint. We will pay you €80.00 in compensation.',
    );
    expect(outcomeText('rejected', null, 'it')).toBe('Purtroppo non possiamo accogliere il Vostro reclamo.');
  });
});
