import type { Texts } from '../notice-texts.ts';

// Notices about referrals to departments (referred, accepted, answered, returned), in sv, it and en.
export const REFERRAL_TEXTS = {} as const satisfies Record<string, Texts>;
