import { describe, expect, it } from 'vitest';
import { buildDocumentChecklist } from './document-checklist.ts';

const covers = [
  { benefitCode: 'MEDICAL_EXPENSES', clause: '§4.1', requiredDocuments: ['receipt', 'medical_certificate'] },
  { benefitCode: 'LUGGAGE_DELAY', clause: '§6.2', requiredDocuments: ['receipt', 'travel_booking'] },
  { benefitCode: 'TRIP_CANCELLATION', clause: '§7', requiredDocuments: ['police_report'] },
];

describe('buildDocumentChecklist', () => {
  it('lists each required kind once, with every benefit that asks for it, in line order', () => {
    const items = buildDocumentChecklist({
      benefitCodes: ['LUGGAGE_DELAY', 'MEDICAL_EXPENSES', 'LUGGAGE_DELAY', 'UNKNOWN'],
      covers,
      recorded: [],
      uploads: [],
    });
    expect(items.map((i) => i.kind)).toEqual(['receipt', 'travel_booking', 'medical_certificate']);
    expect(items[0]?.requiredFor).toEqual([
      { benefitCode: 'LUGGAGE_DELAY', clause: '§6.2' },
      { benefitCode: 'MEDICAL_EXPENSES', clause: '§4.1' },
    ]);
    expect(items.every((i) => !i.arrived && i.via.length === 0)).toBe(true);
  });

  it('says how a kind arrived: recorded, uploaded, or both; unkinded uploads count for nothing', () => {
    const items = buildDocumentChecklist({
      benefitCodes: ['MEDICAL_EXPENSES', 'LUGGAGE_DELAY'],
      covers,
      recorded: ['receipt', 'police_report'],
      uploads: [
        { id: 'd1', kind: 'receipt' },
        { id: 'd2', kind: 'travel_booking' },
        { id: 'd3', kind: null },
      ],
    });
    const byKind = Object.fromEntries(items.map((i) => [i.kind, i]));
    expect(byKind.receipt).toMatchObject({
      arrived: true,
      via: ['recorded', 'uploaded'],
      documentIds: ['d1'],
    });
    expect(byKind.travel_booking).toMatchObject({ arrived: true, via: ['uploaded'], documentIds: ['d2'] });
    expect(byKind.medical_certificate).toMatchObject({ arrived: false, via: [], documentIds: [] });
    // Recorded but not required by these benefits: not on the checklist.
    expect(byKind.police_report).toBeUndefined();
  });
});
