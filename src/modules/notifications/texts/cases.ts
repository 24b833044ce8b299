import type { Texts } from '../notice-texts.ts';

// Notices about service cases (opened, answered, resolved, closed, asked the customer), in sv, it and en.
export const CASE_TEXTS = {} as const satisfies Record<string, Texts>;
