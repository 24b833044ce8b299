import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { reportXlsx } from './report-xlsx.ts';

async function open(buffer: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new Error('no sheet');
  return sheet;
}

describe('reportXlsx', () => {
  it('writes a bold header, numbers as numbers, date columns as dates and nothing as an empty cell', async () => {
    const sheet = await open(
      await reportXlsx({
        sheetName: 'claims-past-legal-deadline',
        columns: ['claim', 'dueOn', 'interestMinor', 'note'],
        dateColumns: ['dueOn'],
        rows: [
          { claim: 'CLM-1', dueOn: '2026-03-31', interestMinor: 1250, note: '=SUM(A1)' },
          { claim: 'CLM-2', dueOn: null, interestMinor: 0, note: null },
        ],
      }),
    );
    expect(sheet.name).toBe('claims-past-legal-deadline');
    expect(sheet.getRow(1).values).toEqual([undefined, 'claim', 'dueOn', 'interestMinor', 'note']);
    expect(sheet.getRow(1).font?.bold).toBe(true);
    expect(sheet.getCell('B2').value).toEqual(new Date('2026-03-31T00:00:00Z'));
    expect(sheet.getCell('B2').numFmt).toBe('yyyy-mm-dd');
    expect(sheet.getCell('C2').value).toBe(1250);
    // Text that looks like a formula stays text: XLSX keeps strings and formulas apart.
    expect(sheet.getCell('D2').value).toBe('=SUM(A1)');
    expect(sheet.getCell('D2').formula).toBeUndefined();
    expect(sheet.getCell('B3').value).toBeNull();
    expect(sheet.getCell('C3').value).toBe(0);
    expect(sheet.rowCount).toBe(3);
  });

  it('an empty report is the header row alone', async () => {
    const sheet = await open(await reportXlsx({ sheetName: 'x', columns: ['a', 'b'], rows: [] }));
    expect(sheet.rowCount).toBe(1);
    expect(sheet.getRow(1).values).toEqual([undefined, 'a', 'b']);
  });

  it('makes a sheet name Excel accepts', async () => {
    const sheet = await open(
      await reportXlsx({ sheetName: 'a/b:c*d?[e]-a-very-long-report-name-indeed', columns: ['a'], rows: [] }),
    );
    expect(sheet.name).toBe('a-b-c-d--e--a-very-long-report-');
  });
});
