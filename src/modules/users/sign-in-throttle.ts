// Sign-in throttling rules, without I/O (the store is sign-in-throttle-store.ts).
//
// A key (an account, a client address) is locked when `maxFailures` wrong passwords land within
// the window; each further lock lasts twice as long as the one before, up to `maxLockMs`. A
// successful sign-in resets an account. Counting failures only after the password check would let
// a burst of simultaneous guesses all pass the "not locked yet" test, so every attempt is also
// *admitted* first (under the row lock): at most `maxInFlight` attempts per key are checking a
// password at once, which bounds the guesses before the lock to maxFailures + maxInFlight - 1
// while still letting a few honest parallel sign-ins of one login through.

export type ThrottlePolicy = {
  /** Wrong passwords per window before the key is locked. */
  maxFailures: number;
  /** Attempts of one key checking a password at the same time; more get a short 429. */
  maxInFlight: number;
  /** Failures older than this are forgotten. */
  windowMs: number;
  /** The first lock; each following one doubles. */
  baseLockMs: number;
  maxLockMs: number;
  /** A day without a lock forgets earlier locks, so the doubling starts again. */
  lockMemoryMs: number;
};

const SECOND = 1_000;
const MINUTE = 60 * SECOND;

/** An admitted attempt that never finished (its process died) stops counting after this. */
export const IN_FLIGHT_EXPIRY_MS = MINUTE;
/** What a refused-because-busy attempt is told to wait. */
export const BUSY_RETRY_MS = SECOND;

/** Per account: five wrong passwords, then 15 min, 30 min, 1 h … up to a day. */
export const ACCOUNT_POLICY: ThrottlePolicy = {
  maxFailures: 5,
  maxInFlight: 10,
  windowMs: 15 * MINUTE,
  baseLockMs: 15 * MINUTE,
  maxLockMs: 24 * 60 * MINUTE,
  lockMemoryMs: 24 * 60 * MINUTE,
};

/**
 * Per client address: generous, because an office behind one NAT address shares it; it stops one
 * machine from spraying guesses over many accounts.
 */
export const ADDRESS_POLICY: ThrottlePolicy = {
  maxFailures: 100,
  maxInFlight: 50,
  windowMs: 15 * MINUTE,
  baseLockMs: 15 * MINUTE,
  maxLockMs: 24 * 60 * MINUTE,
  lockMemoryMs: 24 * 60 * MINUTE,
};

export type ThrottleState = {
  failures: number;
  windowStartedAt: Date;
  lockedUntil: Date | null;
  lockouts: number;
  inFlight: number;
  lastAdmittedAt: Date | null;
};

export type Admission =
  | { outcome: 'admitted'; next: ThrottleState }
  | { outcome: 'locked' | 'busy'; next: ThrottleState; retryAfterMs: number };

export type Completion = { next: ThrottleState; lockedNow: boolean };

export function freshState(now: Date): ThrottleState {
  return {
    failures: 0,
    windowStartedAt: now,
    lockedUntil: null,
    lockouts: 0,
    inFlight: 0,
    lastAdmittedAt: null,
  };
}

export function lockDurationMs(policy: ThrottlePolicy, lockoutsBefore: number): number {
  return Math.min(policy.baseLockMs * 2 ** Math.min(lockoutsBefore, 30), policy.maxLockMs);
}

function lockedFor(state: ThrottleState, t: number): number {
  return state.lockedUntil ? Math.max(0, state.lockedUntil.getTime() - t) : 0;
}

/** Forgets what has aged out: old locks, an old window's failures, attempts that never finished. */
function aged(state: ThrottleState, policy: ThrottlePolicy, t: number, now: Date): ThrottleState {
  let s = state;
  if (s.lockedUntil && t - s.lockedUntil.getTime() >= policy.lockMemoryMs) {
    s = { ...s, lockouts: 0, lockedUntil: null };
  }
  if (t - s.windowStartedAt.getTime() >= policy.windowMs) s = { ...s, failures: 0, windowStartedAt: now };
  if (s.lastAdmittedAt && t - s.lastAdmittedAt.getTime() >= IN_FLIGHT_EXPIRY_MS) s = { ...s, inFlight: 0 };
  return s;
}

/** Whether one more attempt may check a password now, and the key's state after admitting it. */
export function admit(state: ThrottleState, policy: ThrottlePolicy, now: Date): Admission {
  const t = now.getTime();
  const wait = lockedFor(state, t);
  if (wait > 0) return { outcome: 'locked', next: state, retryAfterMs: wait };
  const s = aged(state, policy, t, now);
  if (s.inFlight >= policy.maxInFlight) return { outcome: 'busy', next: state, retryAfterMs: BUSY_RETRY_MS };
  return { outcome: 'admitted', next: { ...s, inFlight: s.inFlight + 1, lastAdmittedAt: now } };
}

/**
 * An admitted attempt has finished. A wrong password counts; the one that reaches `maxFailures`
 * locks the key at once. A right one resets an account (`resetOnSuccess`); an address keeps its
 * count, so one valid login does not wash away a spray of guesses from the same machine.
 */
export function complete(
  state: ThrottleState,
  policy: ThrottlePolicy,
  now: Date,
  opts: { succeeded: boolean; resetOnSuccess: boolean },
): Completion {
  const t = now.getTime();
  const s = { ...aged(state, policy, t, now), inFlight: Math.max(0, state.inFlight - 1) };
  if (opts.succeeded) {
    const next = opts.resetOnSuccess
      ? { ...s, failures: 0, windowStartedAt: now, lockedUntil: null, lockouts: 0 }
      : s;
    return { next, lockedNow: false };
  }
  // Already locked: the lock stands, and a guess admitted before it adds nothing.
  if (lockedFor(s, t) > 0) return { next: s, lockedNow: false };
  const failures = s.failures + 1;
  if (failures < policy.maxFailures) return { next: { ...s, failures }, lockedNow: false };
  const lockedUntil = new Date(t + lockDurationMs(policy, s.lockouts));
  return {
    next: { ...s, failures: 0, windowStartedAt: now, lockedUntil, lockouts: s.lockouts + 1 },
    lockedNow: true,
  };
}

/**
 * Loopback addresses are not throttled per address: requests from 127.0.0.1 or ::1 come from this
 * machine — local tools, or every client at once when a reverse proxy is not trusted
 * (CLAIMDESK_TRUST_PROXY), where one attacker would otherwise lock everyone out. The per-account
 * throttle still applies to them.
 */
export function isThrottledAddress(address: string): boolean {
  return !/^(127\.|::1$|::ffff:127\.)/i.test(address);
}
