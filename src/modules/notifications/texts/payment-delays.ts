import type { Texts } from '../notice-texts.ts';

// Notices about late payments (the payments desk's warning, the customer's case), in sv, it and en.
export const PAYMENT_DELAY_TEXTS = {} satisfies Record<string, Texts>;
