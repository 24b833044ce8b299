// Whether OCR produced a letter a person can act on. Pure. An unreadable scan is not an error: the
// image is kept and the letter goes to triage for a person to read, so the thresholds only decide
// who reads it first (the machine's numbers, or a person), never whether it is kept.

/** Tesseract's mean word confidence (0–100) below which its words are mostly guesses. */
export const MIN_CONFIDENCE = 60;
/** Fewer letters than this is no letter: a blank page, a stamp, a smudge. */
export const MIN_LETTERS = 20;

export type Readability =
  | { readable: true }
  | { readable: false; reason: 'no_text' | 'low_confidence'; message: string };

export function judgeReadability(ocr: { text: string; confidence: number }): Readability {
  const letters = ocr.text.match(/\p{L}/gu)?.length ?? 0;
  if (letters < MIN_LETTERS) {
    return {
      readable: false,
      reason: 'no_text',
      message: `Only ${letters} letters were recognised (at least ${MIN_LETTERS} are needed): the page looks blank or is not text.`,
    };
  }
  if (ocr.confidence < MIN_CONFIDENCE) {
    return {
      readable: false,
      reason: 'low_confidence',
      message: `The recognition confidence is ${Math.round(ocr.confidence)} of 100 (at least ${MIN_CONFIDENCE} is needed): a person must read it.`,
    };
  }
  return { readable: true };
}
