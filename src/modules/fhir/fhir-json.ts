// Reading loose JSON (a FHIR resource) without trusting its shape: the official schema leaves
// complex elements untyped, so every read checks what it gets.

export type Obj = Record<string, unknown>;
export type Path = (string | number)[];
/** Reports a problem at an element path with an OperationOutcome issue code. */
export type Problem = (path: Path, code: string, message: string) => void;

export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function arr(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

export function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() !== '' ? v : undefined;
}

export function codes(concept: unknown): string[] {
  if (!isObj(concept)) return [];
  return arr(concept.coding).flatMap((c) => (isObj(c) && typeof c.code === 'string' ? [c.code] : []));
}
