import type { Texts } from '../notice-texts.ts';

// Notices about payment orders (scheduled, held for review, waiting for a bank account, re-paid, recovery), in sv, it and en.
export const PAYMENT_ORDER_TEXTS = {} satisfies Record<string, Texts>;
