import { describe, expect, it } from 'vitest';
import {
  ACCOUNT_POLICY,
  admit,
  complete,
  freshState,
  IN_FLIGHT_EXPIRY_MS,
  isThrottledAddress,
  lockDurationMs,
  type ThrottleState,
} from './sign-in-throttle.ts';

const MIN = 60_000;
const t0 = new Date('2026-11-21T10:00:00Z');
const at = (ms: number) => new Date(t0.getTime() + ms);

/** n attempts one after the other, each admitted (if it may be) and then finished. */
function tries(n: number, start: ThrottleState, now: Date, succeeded = false) {
  let state = start;
  const outcomes: string[] = [];
  let lockedNow = false;
  for (let i = 0; i < n; i++) {
    const a = admit(state, ACCOUNT_POLICY, now);
    outcomes.push(a.outcome);
    state = a.next;
    if (a.outcome !== 'admitted') continue;
    const c = complete(state, ACCOUNT_POLICY, now, { succeeded, resetOnSuccess: true });
    state = c.next;
    lockedNow = c.lockedNow;
  }
  return { state, outcomes, lockedNow };
}

describe('sign-in throttle', () => {
  it('the fifth wrong password locks for 15 minutes; the sixth attempt is refused', () => {
    const four = tries(4, freshState(t0), t0);
    expect(four.lockedNow).toBe(false);
    const five = tries(1, four.state, t0);
    expect(five.lockedNow).toBe(true);
    expect(five.state.lockedUntil).toEqual(at(15 * MIN));
    const sixth = admit(five.state, ACCOUNT_POLICY, at(MIN));
    expect(sixth).toMatchObject({ outcome: 'locked', retryAfterMs: 14 * MIN });
    expect(sixth.next).toBe(five.state);
    expect(admit(five.state, ACCOUNT_POLICY, at(15 * MIN)).outcome).toBe('admitted');
  });

  it('doubles each following lock up to a day, and forgets them after a quiet day', () => {
    expect([0, 1, 2, 3].map((n) => lockDurationMs(ACCOUNT_POLICY, n) / MIN)).toEqual([15, 30, 60, 120]);
    expect(lockDurationMs(ACCOUNT_POLICY, 50)).toBe(24 * 60 * MIN);
    const first = tries(5, freshState(t0), t0).state;
    const second = tries(5, first, at(15 * MIN)).state;
    expect(second.lockedUntil).toEqual(at(45 * MIN));
    const much = tries(5, second, at(45 * MIN + 24 * 60 * MIN)).state;
    expect(much.lockouts).toBe(1);
    expect(much.lockedUntil).toEqual(at(60 * MIN + 24 * 60 * MIN));
  });

  it('forgets failures after the window; a success resets the account', () => {
    const four = tries(4, freshState(t0), t0).state;
    expect(tries(1, four, at(16 * MIN)).state.failures).toBe(1);
    const reset = tries(1, four, t0, true).state;
    expect(reset).toMatchObject({ failures: 0, lockouts: 0, lockedUntil: null, inFlight: 0 });
  });

  it('admits at most maxInFlight attempts at once; the rest are told to retry in a second', () => {
    let state = freshState(t0);
    const outcomes = [];
    for (let i = 0; i < 15; i++) {
      const a = admit(state, ACCOUNT_POLICY, t0);
      outcomes.push(a.outcome);
      state = a.next;
    }
    expect(outcomes.filter((o) => o === 'admitted')).toHaveLength(ACCOUNT_POLICY.maxInFlight);
    expect(admit(state, ACCOUNT_POLICY, t0)).toMatchObject({ outcome: 'busy', retryAfterMs: 1000 });
    // All ten fail: the fifth locks, the later five add nothing to the lock.
    let locks = 0;
    for (let i = 0; i < ACCOUNT_POLICY.maxInFlight; i++) {
      const c = complete(state, ACCOUNT_POLICY, t0, { succeeded: false, resetOnSuccess: true });
      state = c.next;
      if (c.lockedNow) locks++;
    }
    expect(locks).toBe(1);
    expect(state).toMatchObject({ inFlight: 0, lockouts: 1, lockedUntil: at(15 * MIN) });
  });

  it('attempts that never finished (a crashed process) stop counting after a minute', () => {
    let state = freshState(t0);
    for (let i = 0; i < ACCOUNT_POLICY.maxInFlight; i++) state = admit(state, ACCOUNT_POLICY, t0).next;
    expect(admit(state, ACCOUNT_POLICY, at(IN_FLIGHT_EXPIRY_MS - 1)).outcome).toBe('busy');
    expect(admit(state, ACCOUNT_POLICY, at(IN_FLIGHT_EXPIRY_MS)).next.inFlight).toBe(1);
  });

  it('an address keeps its failures after a success', () => {
    const admitted = admit(freshState(t0), ACCOUNT_POLICY, t0).next;
    const failed = complete({ ...admitted, failures: 3 }, ACCOUNT_POLICY, t0, {
      succeeded: true,
      resetOnSuccess: false,
    });
    expect(failed.next).toMatchObject({ failures: 3, inFlight: 0 });
  });

  it('throttles client addresses but not this machine’s loopback', () => {
    expect(['198.18.0.1', '2001:db8::1', '::ffff:198.18.0.1'].map(isThrottledAddress)).toEqual([
      true,
      true,
      true,
    ]);
    expect(['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1'].map(isThrottledAddress)).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });
});
