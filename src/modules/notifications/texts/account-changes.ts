import type { Texts } from '../notice-texts.ts';

// Notices about account information changes (bank-account change notice to the old contact details, applied, rejected), in sv, it and en.
export const ACCOUNT_CHANGE_TEXTS = {} as const satisfies Record<string, Texts>;
