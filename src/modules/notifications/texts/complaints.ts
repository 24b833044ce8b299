import type { Texts } from '../notice-texts.ts';

// Notices about complaints (acknowledgement, final answer with the further options), in sv, it and en.
export const COMPLAINT_TEXTS = {} as const satisfies Record<string, Texts>;
