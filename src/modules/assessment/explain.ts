import type { Language } from '../../db/schema.ts';
import type { Template } from './assessment-texts.ts';
import { CLAUSE_CITATION, DOCUMENT_NAMES, LOCALES, PER_TEXTS, REASON_TEXTS } from './assessment-texts.ts';
import type { Assessment, Reason } from './assessment-types.ts';
import type { CompiledProduct } from './compiled-product.ts';

// The explanation: every claim-level reason (first) and every line-level reason (in line order),
// rendered in the customer's language from the templates in assessment-texts.ts, citing the
// clause. Templates are split into literal and placeholder parts once at load time; rendering is a
// loop of string concatenations. Number formatters (Intl.NumberFormat) are slow to create, so one
// per (locale, currency) is cached for the life of the process.
//
// A claim-level reason about one line (params.lineNo) is shown with that line's number.

// --- compiled templates -----------------------------------------------------------------------

const KIND_TEXT = 0;
const KIND_MONEY = 1;
const KIND_DATE = 2;
const KIND_PERMILLE = 3;
const KIND_BENEFIT = 4;
const KIND_DOCUMENT = 5;
const KIND_EXCLUSION = 6;
const KIND_PER = 7;
const KIND_CLAUSE = 8;

type Compiled = { literals: string[]; keys: string[]; kinds: number[] };
type CompiledTemplate = { one: Compiled | null; other: Compiled; count: string | null };

function kindOf(key: string): number {
  if (key === 'benefit') return KIND_BENEFIT;
  if (key === 'document') return KIND_DOCUMENT;
  if (key === 'exclusionText') return KIND_EXCLUSION;
  if (key === 'per') return KIND_PER;
  if (key === 'clause') return KIND_CLAUSE;
  if (key.endsWith('Minor')) return KIND_MONEY;
  if (key.endsWith('Date')) return KIND_DATE;
  if (key.endsWith('Permille')) return KIND_PERMILLE;
  return KIND_TEXT;
}

function compile(text: string): Compiled {
  const literals: string[] = [];
  const keys: string[] = [];
  const kinds: number[] = [];
  let at = 0;
  for (;;) {
    const open = text.indexOf('{', at);
    const close = open < 0 ? -1 : text.indexOf('}', open);
    if (close < 0) {
      literals.push(text.slice(at));
      return { literals, keys, kinds };
    }
    literals.push(text.slice(at, open));
    const key = text.slice(open + 1, close);
    keys.push(key);
    kinds.push(kindOf(key));
    at = close + 1;
  }
}

function compileTemplate(t: Template): CompiledTemplate {
  if (typeof t === 'string') return { one: null, other: compile(t), count: null };
  return { one: compile(t.one), other: compile(t.other), count: t.count };
}

const LANGUAGES: Language[] = ['sv', 'it', 'en'];

function compileAll(): Record<Language, Record<string, CompiledTemplate>> {
  const out = {} as Record<Language, Record<string, CompiledTemplate>>;
  for (const lang of LANGUAGES) {
    const texts = REASON_TEXTS[lang];
    const compiled: Record<string, CompiledTemplate> = Object.create(null);
    for (const [code, t] of Object.entries(texts)) compiled[code] = compileTemplate(t);
    out[lang] = compiled;
  }
  return out;
}

const TEMPLATES = compileAll();
const CITATIONS: Record<Language, Compiled> = {
  sv: compile(CLAUSE_CITATION.sv),
  it: compile(CLAUSE_CITATION.it),
  en: compile(CLAUSE_CITATION.en),
};

// --- formatting -------------------------------------------------------------------------------

type MoneyFormat = { format: (minor: number) => string };

// Keyed by language, then currency / permille (rather than by a joined "language|currency" string,
// which would be built and hashed on every call).
const moneyFormats = new Map<Language, Map<string, MoneyFormat>>();
const percentTexts = new Map<Language, Map<number, string>>();
const CACHE_LIMIT = 512; // currencies come from input: never let a cache grow without bound
const EXACT_NUMBER_LIMIT = 1e15;

/** The layout of a locale's currency format, learnt once from Intl.NumberFormat#formatToParts. */
type MoneyPattern = {
  prefix: string;
  suffix: string;
  negativePrefix: string;
  negativeSuffix: string;
  group: string;
  decimal: string;
  /** Group the integer part only when it has at least this many digits (it-IT: 5, others: 4). */
  groupFrom: number;
};

function learnPattern(nf: Intl.NumberFormat, digits: number): MoneyPattern | null {
  const split = (value: number) => {
    const parts = nf.formatToParts(value);
    const first = parts.findIndex((p) => p.type === 'integer');
    let last = -1;
    parts.forEach((p, i) => {
      if (p.type === 'integer' || p.type === 'fraction' || p.type === 'decimal' || p.type === 'group')
        last = i;
    });
    const text = (from: number, to: number) =>
      parts
        .slice(from, to)
        .map((p) => p.value)
        .join('');
    return { parts, before: text(0, first), after: text(last + 1, parts.length) };
  };
  const positive = split(1234567.5);
  const negative = split(-1234567.5);
  const group = positive.parts.find((p) => p.type === 'group')?.value;
  const decimal = positive.parts.find((p) => p.type === 'decimal')?.value ?? '';
  if (group === undefined || (digits > 0 && decimal === '')) return null;
  const small = nf.formatToParts(1234).some((p) => p.type === 'group');
  return {
    prefix: positive.before,
    suffix: positive.after,
    negativePrefix: negative.before,
    negativeSuffix: negative.after,
    group,
    decimal,
    groupFrom: small ? 4 : 5,
  };
}

function formatWithPattern(p: MoneyPattern, minor: number, digits: number): string {
  const negative = minor < 0;
  let s = String(negative ? -minor : minor);
  if (s.length <= digits) s = '0'.repeat(digits + 1 - s.length) + s;
  const intPart = digits === 0 ? s : s.slice(0, s.length - digits);
  let grouped = intPart;
  if (intPart.length >= p.groupFrom) {
    const head = intPart.length % 3 || 3;
    grouped = intPart.slice(0, head);
    for (let i = head; i < intPart.length; i += 3) grouped += p.group + intPart.slice(i, i + 3);
  }
  const number = digits === 0 ? grouped : grouped + p.decimal + s.slice(s.length - digits);
  return negative ? p.negativePrefix + number + p.negativeSuffix : p.prefix + number + p.suffix;
}

const SAMPLES = [
  0, 1, -1, 5, 99, 100, 12_345, 123_456, -123_456, 1_234_567, 99_999_999, -1_000_000_000, 123_456_789_012,
];

function createMoneyFormat(locale: string, currency: string): MoneyFormat {
  let nf: Intl.NumberFormat;
  try {
    nf = new Intl.NumberFormat(locale, { style: 'currency', currency });
  } catch {
    // Not a well-formed currency code: print the number and the code as they are.
    return { format: (minor) => `${minor} ${currency}` };
  }
  const digits = nf.resolvedOptions().maximumFractionDigits ?? 2;
  const scale = 10 ** digits;
  const viaIntl = (minor: number): string => {
    if (Math.abs(minor) < EXACT_NUMBER_LIMIT) return nf.format(minor / scale);
    // Beyond double precision for the decimal form: format an exact decimal string.
    const negative = minor < 0;
    const s = String(Math.abs(minor)).padStart(digits + 1, '0');
    const decimal = digits === 0 ? s : `${s.slice(0, s.length - digits)}.${s.slice(s.length - digits)}`;
    return nf.format((negative ? `-${decimal}` : decimal) as `${number}`);
  };
  // Intl.NumberFormat#format costs about a microsecond; the same layout put together by hand costs
  // a few dozen nanoseconds. Use it only if it reproduces Intl exactly on a set of samples.
  const pattern = learnPattern(nf, digits);
  if (pattern === null || SAMPLES.some((m) => formatWithPattern(pattern, m, digits) !== viaIntl(m))) {
    return { format: viaIntl };
  }
  const pieces = piecesOf(pattern, digits);
  const format = (minor: number) =>
    minor >= 0 && minor < pieces.limit
      ? formatWithPieces(pieces, minor)
      : formatWithPattern(pattern, minor, digits);
  if (SAMPLES.some((m) => format(m) !== viaIntl(m))) {
    return { format: (minor) => formatWithPattern(pattern, minor, digits) };
  }
  return { format };
}

/**
 * A money pattern as ready-made pieces, for the amounts of ordinary claims (positive, below
 * PIECES_LIMIT): formatWithPattern slices and joins a dozen short strings per amount (each join of
 * short strings allocates a new one), while an amount put together from these pieces takes two or
 * three joins. `triples[n]` is the group separator and n as three digits; `tails[f]` the decimal
 * separator, the fraction f and the suffix.
 */
type MoneyPieces = {
  prefix: string;
  triples: string[];
  tails: string[];
  scale: number;
  /** The smallest whole-unit amount that is grouped (1000, or 10000 when groupFrom is 5). */
  groupedFrom: number;
  /** Amounts from here on go to formatWithPattern: at most three groups, and small integers. */
  limit: number;
};

function piecesOf(p: MoneyPattern, digits: number): MoneyPieces {
  const scale = 10 ** digits;
  const triples: string[] = new Array(1000);
  for (let n = 0; n < 1000; n++) triples[n] = p.group + String(n).padStart(3, '0');
  const tails: string[] = new Array(scale);
  for (let f = 0; f < scale; f++) {
    tails[f] = (digits === 0 ? '' : p.decimal + String(f).padStart(digits, '0')) + p.suffix;
  }
  const limit = Math.min(2 ** 31, 1e9 * scale);
  return { prefix: p.prefix, triples, tails, scale, groupedFrom: 10 ** (p.groupFrom - 1), limit };
}

function formatWithPieces(p: MoneyPieces, minor: number): string {
  const units = Math.floor(minor / p.scale);
  const tail = p.tails[minor - units * p.scale] as string;
  let number: string;
  if (units < p.groupedFrom) number = String(units);
  else if (units < 1_000_000) {
    const high = Math.floor(units / 1000);
    number = String(high) + (p.triples[units - high * 1000] as string);
  } else {
    const high = Math.floor(units / 1_000_000);
    const mid = Math.floor(units / 1000) - high * 1000;
    number = String(high) + (p.triples[mid] as string) + (p.triples[units % 1000] as string);
  }
  return p.prefix + number + tail;
}

/** The entry of `outer` for `language`, created on first use. */
function perLanguage<K, V>(outer: Map<Language, Map<K, V>>, language: Language): Map<K, V> {
  let inner = outer.get(language);
  if (inner === undefined) {
    if (outer.size >= CACHE_LIMIT) outer.clear();
    inner = new Map();
    outer.set(language, inner);
  }
  return inner;
}

export function formatMoney(minor: number, currency: string, language: Language): string {
  const formats = perLanguage(moneyFormats, language);
  let f = formats.get(currency);
  if (f === undefined) {
    if (formats.size >= CACHE_LIMIT) formats.clear();
    f = createMoneyFormat(LOCALES[language], currency);
    formats.set(currency, f);
  }
  return f.format(minor);
}

const percentFormats = new Map<Language, Intl.NumberFormat>();

function formatPermille(permille: number, language: Language): string {
  const texts = perLanguage(percentTexts, language);
  let text = texts.get(permille);
  if (text === undefined) {
    let nf = percentFormats.get(language);
    if (nf === undefined) {
      nf = new Intl.NumberFormat(LOCALES[language], { style: 'percent', maximumFractionDigits: 1 });
      percentFormats.set(language, nf);
    }
    text = nf.format(permille / 1000);
    if (texts.size >= CACHE_LIMIT) texts.clear();
    texts.set(permille, text);
  }
  return text;
}

/** `YYYY-MM-DD` as the language writes it: sv keeps ISO, it and en (GB) use DD/MM/YYYY. */
export function formatDate(iso: string, language: Language): string {
  if (language === 'sv' || iso.length !== 10) return iso;
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

// --- rendering --------------------------------------------------------------------------------

function value(
  kind: number,
  key: string,
  reason: Reason,
  language: Language,
  currency: string,
  product: CompiledProduct | null,
): string {
  const params = reason.params;
  switch (kind) {
    case KIND_BENEFIT: {
      const code = params.benefitCode;
      const cover = typeof code === 'string' ? product?.coverByCode.get(code) : undefined;
      return cover ? cover.name[language] : String(code ?? '');
    }
    case KIND_DOCUMENT: {
      const doc = params.document;
      return (DOCUMENT_NAMES[language] as Record<string, string>)[String(doc)] ?? String(doc ?? '');
    }
    case KIND_EXCLUSION: {
      const code = params.exclusion;
      const exclusion = typeof code === 'string' ? product?.exclusionByCode.get(code) : undefined;
      return exclusion ? exclusion.text[language] : String(code ?? '');
    }
    case KIND_PER: {
      const per = params.per;
      return per === 'claim' || per === 'year' ? PER_TEXTS[language][per] : String(per ?? '');
    }
    case KIND_CLAUSE:
      return reason.clause ?? '';
  }
  const v = params[key];
  if (v === undefined) return '';
  if (typeof v === 'number') {
    if (kind === KIND_MONEY) return formatMoney(v, currency, language);
    if (kind === KIND_PERMILLE) return formatPermille(v, language);
    return String(v);
  }
  return kind === KIND_DATE ? formatDate(v, language) : v;
}

function fill(
  c: Compiled,
  reason: Reason,
  language: Language,
  currency: string,
  product: CompiledProduct | null,
): string {
  return fillRange(c, 0, c.keys.length, reason, language, currency, product);
}

/** The literal before placeholder `from`, then placeholders from…to − 1 each with the literal after it. */
function fillRange(
  c: Compiled,
  from: number,
  to: number,
  reason: Reason,
  language: Language,
  currency: string,
  product: CompiledProduct | null,
): string {
  const { literals, keys, kinds } = c;
  let out = literals[from] as string;
  for (let i = from; i < to; i++) {
    out += value(kinds[i] as number, keys[i] as string, reason, language, currency, product);
    out += literals[i + 1] as string;
  }
  return out;
}

// --- rendered texts kept for reuse --------------------------------------------------------------
//
// Most reasons of a claim say the same sentence as the previous claim's (a benefit covered in full,
// the whole deductible taken, straight through). Strings are immutable, so a sentence rendered once
// is returned again whenever everything it is rendered from is the same: the cache entries below
// hold every input of the sentence and are compared in full before one is reused.

/** Sentences of templates without placeholders or plural forms, for reasons without a clause. */
const PLAIN_TEXTS: Record<Language, Record<string, string>> = {
  sv: Object.create(null),
  it: Object.create(null),
  en: Object.create(null),
};
for (const lang of LANGUAGES) {
  for (const [code, t] of Object.entries(TEMPLATES[lang])) {
    if (t.one === null && t.other.keys.length === 0) PLAIN_TEXTS[lang][code] = `${t.other.literals[0]}.`;
  }
}

type CachedText = { clause: string | null; a: unknown; b: unknown; c: unknown; text: string };
/**
 * A sentence around its one varying amount (`amountMinor`): the text before and after it, rendered
 * from the clause and the params `a` and `b` (the other inputs of the sentence).
 */
type Frame = { clause: string | null; a: unknown; b: unknown; before: string; after: string };
/** The placeholders a frame may hold besides `{amountMinor}`: those its `a` and `b` stand for. */
const DEDUCTIBLE_FRAME = ['deductibleMinor', 'per'];
const COPAYMENT_FRAME = ['sharePermille'];
type LanguageTexts = {
  covered: Map<string, CachedText>;
  deductible: Map<string, CachedText>;
  deductibleFrames: Map<string, Frame>;
  copaymentFrames: Map<string, Frame>;
};
type ProductTexts = Record<Language, LanguageTexts>;

const productTexts = new WeakMap<CompiledProduct, ProductTexts>();

function textsOf(product: CompiledProduct): ProductTexts {
  let t = productTexts.get(product);
  if (t === undefined) {
    const fresh = () => ({
      covered: new Map<string, CachedText>(),
      deductible: new Map<string, CachedText>(),
      deductibleFrames: new Map<string, Frame>(),
      copaymentFrames: new Map<string, Frame>(),
    });
    t = { sv: fresh(), it: fresh(), en: fresh() };
    productTexts.set(product, t);
  }
  return t;
}

/**
 * The kept texts of the product in the language (looked up once per explanation), or null when
 * there is no product or the language is not one of the three.
 */
function languageTexts(product: CompiledProduct | null, language: Language): LanguageTexts | null {
  if (product === null || (language !== 'sv' && language !== 'it' && language !== 'en')) return null;
  return textsOf(product)[language];
}

/** renderReason, reusing an equal sentence rendered before for the same product (`texts`). */
function renderReasonCached(
  reason: Reason,
  language: Language,
  currency: string,
  product: CompiledProduct | null,
  texts: LanguageTexts | null,
): string {
  const code = reason.code;
  const clause = reason.clause;
  if (clause === null) {
    const plain = (PLAIN_TEXTS[language] as Record<string, string> | undefined)?.[code];
    if (plain !== undefined) return plain;
  }
  if (texts === null || product === null) return renderReason(reason, language, currency, product);
  const params = reason.params;
  if (code === 'covered_in_full') {
    // Rendered from the benefit's name (per product) and the clause.
    const benefitCode = params.benefitCode;
    if (typeof benefitCode !== 'string') return renderReason(reason, language, currency, product);
    const cache = texts.covered;
    const hit = cache.get(benefitCode);
    if (hit !== undefined && hit.clause === clause) return hit.text;
    const text = renderReason(reason, language, currency, product);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(benefitCode, { clause, a: null, b: null, c: null, text });
    return text;
  }
  if (code === 'deductible_applied') {
    // Rendered from the amounts (in the currency), per and the clause; kept when the whole
    // deductible was taken (the usual case), per currency.
    const amount = params.amountMinor;
    const deductible = params.deductibleMinor;
    const per = params.per;
    const cache = texts.deductible;
    const hit = cache.get(currency);
    if (
      hit !== undefined &&
      Object.is(hit.a, amount) &&
      Object.is(hit.b, deductible) &&
      hit.c === per &&
      hit.clause === clause
    ) {
      return hit.text;
    }
    if (typeof amount !== 'number' || amount !== deductible) {
      // Part of the deductible (the rest of a yearly one, or a line smaller than it): only the
      // amount varies from claim to claim.
      const frames = texts.deductibleFrames;
      return renderFramed(frames, DEDUCTIBLE_FRAME, reason, language, currency, product, deductible, per);
    }
    const text = renderReason(reason, language, currency, product);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(currency, { clause, a: amount, b: deductible, c: per, text });
    return text;
  }
  if (code === 'copayment_applied') {
    // The share and the clause are the cover's; the amount varies.
    const frames = texts.copaymentFrames;
    return renderFramed(
      frames,
      COPAYMENT_FRAME,
      reason,
      language,
      currency,
      product,
      params.sharePermille,
      null,
    );
  }
  return renderReason(reason, language, currency, product);
}

/**
 * renderReason for a reason whose params other than `amountMinor` are `a` and `b`: the text around
 * the amount is kept per currency (in `frames`) and reused while the clause, `a` and `b` are the
 * same, so only the amount is formatted. Gives exactly renderReason's text: that is the template's
 * literals and values in order, split at the amount.
 */
function renderFramed(
  frames: Map<string, Frame>,
  inputs: readonly string[],
  reason: Reason,
  language: Language,
  currency: string,
  product: CompiledProduct,
  a: unknown,
  b: unknown,
): string {
  const amount = reason.params.amountMinor;
  if (typeof amount !== 'number') return renderReason(reason, language, currency, product);
  let frame = frames.get(currency);
  if (
    frame === undefined ||
    frame.clause !== reason.clause ||
    !Object.is(frame.a, a) ||
    !Object.is(frame.b, b)
  ) {
    const fresh = createFrame(inputs, reason, language, currency, product, a, b);
    if (fresh === null) return renderReason(reason, language, currency, product);
    if (frames.size >= CACHE_LIMIT) frames.clear();
    frames.set(currency, fresh);
    frame = fresh;
  }
  return frame.before + formatMoney(amount, currency, language) + frame.after;
}

/**
 * The text before and after `{amountMinor}`; null when the template has not exactly one of it or
 * has a placeholder other than `inputs` (the frame would then depend on more than it is kept by).
 */
function createFrame(
  inputs: readonly string[],
  reason: Reason,
  language: Language,
  currency: string,
  product: CompiledProduct,
  a: unknown,
  b: unknown,
): Frame | null {
  const t = TEMPLATES[language][reason.code];
  if (t === undefined || t.one !== null) return null;
  const c = t.other;
  const at = c.keys.indexOf('amountMinor');
  if (at < 0 || c.keys.lastIndexOf('amountMinor') !== at || c.kinds[at] !== KIND_MONEY) return null;
  for (let i = 0; i < c.keys.length; i++) {
    if (i !== at && !inputs.includes(c.keys[i] as string)) return null;
  }
  const before = fillRange(c, 0, at, reason, language, currency, product);
  let after = fillRange(c, at + 1, c.keys.length, reason, language, currency, product);
  if (reason.clause !== null) after += fill(CITATIONS[language], reason, language, currency, product);
  return { clause: reason.clause, a, b, before, after: `${after}.` };
}

/** One reason as a sentence in the language, citing its clause when it has one. */
export function renderReason(
  reason: Reason,
  language: Language,
  currency: string,
  product: CompiledProduct | null,
): string {
  const t = (TEMPLATES[language] ?? TEMPLATES.en)[reason.code];
  if (t === undefined) return reason.code;
  const c = t.one !== null && t.count !== null && reason.params[t.count] === 1 ? t.one : t.other;
  let text = fill(c, reason, language, currency, product);
  if (reason.clause !== null) text += fill(CITATIONS[language], reason, language, currency, product);
  return `${text}.`;
}

export type Explanation = Assessment['explanation'];

export function explain(
  claimReasons: readonly Reason[],
  lines: readonly { lineNo: number; reasons: readonly Reason[] }[],
  language: Language,
  currency: string,
  product: CompiledProduct | null,
): Explanation {
  // One slot per reason, filled in order (a list grown by push would reserve spare slots).
  let count = claimReasons.length;
  for (const line of lines) count += line.reasons.length;
  const out: Explanation = new Array(count);
  const texts = languageTexts(product, language);
  let i = 0;
  for (const r of claimReasons) {
    const lineNo = r.params.lineNo;
    out[i++] = {
      code: r.code,
      clause: r.clause,
      text: renderReasonCached(r, language, currency, product, texts),
      lineNo: typeof lineNo === 'number' ? lineNo : null,
    };
  }
  for (const line of lines) {
    for (const r of line.reasons) {
      out[i++] = {
        code: r.code,
        clause: r.clause,
        text: renderReasonCached(r, language, currency, product, texts),
        lineNo: line.lineNo,
      };
    }
  }
  return out;
}
