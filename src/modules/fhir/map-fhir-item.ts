import { arr, codes, isObj, type Obj, type Path, type Problem, str } from './fhir-json.ts';
import { currencyDigits, toMinorUnits } from './fhir-money.ts';
import { SYSTEM } from './fhir-systems.ts';

// One Claim.item → one claim line (what is claimed, how much, when).

const BENEFIT_CODE = /^[A-Z][A-Z0-9_]{1,39}$/;
export const FULL_DATE = /^\d{4}-\d{2}-\d{2}/;

export function serviceDateOf(raw: unknown, i: number): { date: string; path: Path } | undefined {
  if (!isObj(raw)) return undefined;
  if (str(raw.servicedDate)) return { date: String(raw.servicedDate), path: ['item', i, 'servicedDate'] };
  const period = isObj(raw.servicedPeriod) ? raw.servicedPeriod : undefined;
  if (period && str(period.start)) {
    return { date: String(period.start).slice(0, 10), path: ['item', i, 'servicedPeriod', 'start'] };
  }
  return undefined;
}

export type MappedItem = {
  sequence: number;
  benefitCode: string;
  description: string;
  amountMinor: number;
  currency: string;
  days?: number;
  serviceDate?: { date: string; path: Path };
};

export function mapItem(
  raw: unknown,
  i: number,
  problem: Problem,
  sources: Record<string, Path>,
  /** Problems reported so far: an item with any of its own is not mapped into a line. */
  count: () => number,
): MappedItem | undefined {
  const at: Path = ['item', i];
  if (!isObj(raw)) {
    problem(at, 'structure', 'An item must be an object.');
    return undefined;
  }
  const before = count();
  if (arr(raw.modifierExtension).length > 0) {
    problem([...at, 'modifierExtension'], 'not-supported', 'Modifier extensions are not supported.');
  }
  if (arr(raw.detail).length > 0) {
    problem(
      [...at, 'detail'],
      'not-supported',
      'Item details (grouped items) are not supported: send each as an item.',
    );
  }
  const sequence = typeof raw.sequence === 'number' ? raw.sequence : undefined;
  if (sequence === undefined) problem([...at, 'sequence'], 'required', 'item.sequence is required.');

  // What is claimed: a coding from our benefit code system.
  const product = raw.productOrService;
  const coding = isObj(product)
    ? arr(product.coding).find((c) => isObj(c) && c.system === SYSTEM.benefit)
    : undefined;
  let benefitCode = '';
  sources[`lines.${i}.benefitCode`] = [...at, 'productOrService'];
  if (!isObj(product)) {
    problem(
      [...at, 'productOrService'],
      'required',
      'item.productOrService (a CodeableConcept) is required.',
    );
  } else if (!isObj(coding)) {
    const theirs = codes(product);
    problem(
      [...at, 'productOrService'],
      'not-supported',
      `No coding from ${SYSTEM.benefit} (our benefit codes, e.g. MEDICAL_EXPENSES)` +
        `${theirs.length ? `; "${theirs.join('", "')}" is not mapped` : ''}.`,
    );
  } else if (typeof coding.code !== 'string' || !BENEFIT_CODE.test(coding.code)) {
    problem(
      [...at, 'productOrService', 'coding'],
      'value',
      'The benefit code must look like MEDICAL_EXPENSES.',
    );
  } else {
    benefitCode = coding.code;
  }
  const description =
    (isObj(product) ? str(product.text) : undefined) ??
    (isObj(coding) ? str(coding.display) : undefined) ??
    `${benefitCode || 'Item'} ${sequence ?? i + 1}`;

  // A daily benefit: quantity in days (UCUM "d"); the assessment computes its amount.
  const quantity = isObj(raw.quantity) ? raw.quantity : undefined;
  const inDays = quantity !== undefined && (quantity.code === 'd' || quantity.unit === 'd');
  let days: number | undefined;
  if (inDays) {
    const v = quantity.value;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > 3650) {
      problem([...at, 'quantity', 'value'], 'value', 'Days must be a whole number from 1 to 3650.');
    } else days = v;
  }
  const factorOk = raw.factor === undefined || raw.factor === 1;
  const quantityOk = inDays || quantity === undefined || quantity.value === 1;
  const moneyAt: Path | undefined = isObj(raw.net)
    ? [...at, 'net']
    : isObj(raw.unitPrice) && factorOk && quantityOk
      ? [...at, 'unitPrice']
      : undefined;
  let amountMinor = 0;
  let currency = '';
  if (!moneyAt) {
    problem([...at, 'net'], 'required', 'item.net (the amount claimed) is required.');
  } else {
    const money = (moneyAt.at(-1) === 'net' ? raw.net : raw.unitPrice) as Obj;
    sources[`lines.${i}.currency`] = [...moneyAt, 'currency'];
    sources[`lines.${i}.amountMinor`] = [...moneyAt, 'value'];
    const digits = typeof money.currency === 'string' ? currencyDigits(money.currency) : null;
    if (typeof money.currency !== 'string') {
      problem([...moneyAt, 'currency'], 'required', 'The currency is required.');
    } else if (digits === null) {
      problem([...moneyAt, 'currency'], 'value', `"${money.currency}" is not an ISO 4217 currency.`);
    } else currency = money.currency;
    if (typeof money.value !== 'number') {
      problem([...moneyAt, 'value'], 'required', 'The amount is required.');
    } else if (money.value < 0) {
      problem([...moneyAt, 'value'], 'value', 'The amount cannot be negative.');
    } else if (digits !== null) {
      const minor = toMinorUnits(money.value, digits);
      if (minor === null) {
        problem(
          [...moneyAt, 'value'],
          'value',
          `${money.value} has more decimals than ${currency} has (${digits}).`,
        );
      } else amountMinor = minor;
    }
  }

  const serviceDate = serviceDateOf(raw, i);
  if (serviceDate) {
    sources[`lines.${i}.serviceDate`] = serviceDate.path;
    if (!FULL_DATE.test(serviceDate.date)) {
      problem(serviceDate.path, 'value', `"${serviceDate.date}" is not a full date (YYYY-MM-DD).`);
    }
  }
  sources[`lines.${i}`] = at;
  if (count() !== before || sequence === undefined) return undefined;
  return {
    sequence,
    benefitCode,
    description: description.slice(0, 500),
    amountMinor,
    currency,
    ...(days !== undefined ? { days } : {}),
    ...(serviceDate ? { serviceDate } : {}),
  };
}
