import type { Texts } from '../notice-texts.ts';

// Notices about what the bank told us (settled, returned, rejected), in sv, it and en.
export const BANK_NOTIFICATION_TEXTS = {} satisfies Record<string, Texts>;
