import { describe, expect, it } from 'vitest';
import { businessCalendar } from './business-calendar.ts';
import { type Clock, deadlineDay, deadlineStatus, deadlineTimeline, type Pause } from './deadline-clock.ts';
import { type DeadlinePolicy, deadlinePolicy } from './deadline-policies.ts';
import { at } from './test-instants.ts';

const calendars = { SE: businessCalendar('SE'), IT: businessCalendar('IT') };

function clock(code: string, zone: 'SE' | 'IT', start: string, pauses: Pause[] = []): Clock {
  return { policy: deadlinePolicy(code), calendar: calendars[zone], startedAt: at(zone, start), pauses };
}

function timeline(c: Clock) {
  const t = deadlineTimeline(c);
  if (!t) throw new Error('expected a running clock');
  return t;
}

describe('due instants of the shipped policies', () => {
  it.each([
    // policy, zone, started (local), due instant (local, exclusive end of the last day)
    [
      'se.fal.claim_payment',
      'SE',
      '2025-05-20T10:00',
      '2025-06-24T00:00',
      'month ends on midsommarafton → Monday',
    ],
    ['se.fal.claim_payment', 'SE', '2025-01-31T12:00', '2025-03-01T00:00', 'one month from 31 Jan is 28 Feb'],
    ['se.fal.claim_payment', 'SE', '2024-01-31T12:00', '2024-03-01T00:00', 'leap year: 29 Feb'],
    ['se.fl.six_months', 'SE', '2025-06-21T12:00', '2025-12-22T00:00', 'no roll-forward: ends on a Sunday'],
    [
      'se.fl.decision_request',
      'SE',
      '2025-11-26T09:00',
      '2025-12-30T00:00',
      '28 days end on julafton → 29 Dec',
    ],
    [
      'se.fl.decision_request',
      'SE',
      '2025-03-02T09:00',
      '2025-04-01T00:00',
      'ends on the DST Sunday → Monday',
    ],
    ['it.cap148.joint_form', 'IT', '2024-12-07T09:00', '2025-01-08T00:00', '30 days end on Epifania → 7 Jan'],
    [
      'it.cap148.property',
      'IT',
      '2025-06-16T09:00',
      '2025-08-19T00:00',
      '60 days end on Ferragosto → Monday',
    ],
    ['it.cap148.injury', 'IT', '2025-01-01T09:00', '2025-04-02T00:00', '90 days, a Tuesday'],
    ['it.cap148.payment', 'IT', '2025-04-10T09:00', '2025-04-29T00:00', '15 days end on 25 April → Monday'],
    [
      'internal.first_contact',
      'SE',
      '2025-06-19T10:00',
      '2025-06-23T17:00',
      'close of the next business day',
    ],
    ['internal.claim_decision', 'SE', '2025-03-20T10:00', '2025-04-03T17:00', 'ten business days across DST'],
  ] as const)('%s from %s %s → %s (%s)', (code, zone, start, due, _why) => {
    expect(timeline(clock(code, zone, start)).dueAt).toEqual(at(zone, due));
  });

  it('names the last day of the deadline', () => {
    const t = timeline(clock('se.fal.claim_payment', 'SE', '2025-05-20T10:00'));
    expect(deadlineDay(calendars.SE, t.dueAt)).toBe('2025-06-23');
  });

  it('refuses a calendar of another jurisdiction', () => {
    expect(() =>
      deadlineTimeline({ ...clock('it.cap148.injury', 'IT', '2025-01-01T09:00'), calendar: calendars.SE }),
    ).toThrow(/IT calendar/);
  });
});

describe('thresholds', () => {
  it('puts warnings at shares of business time, then breach, then second escalation', () => {
    // Thu 20 Mar 10:00 → due Thu 3 Apr 17:00: 7 h + 10 office days × 9 h = 97 h of office time.
    const t = timeline(clock('internal.claim_decision', 'SE', '2025-03-20T10:00'));
    expect(t.thresholds).toEqual([
      { stage: 1, kind: 'warning', at: at('SE', '2025-03-27T13:30') }, // 48.5 h
      { stage: 2, kind: 'warning', at: at('SE', '2025-04-01T15:36') }, // 77.6 h
      { stage: 3, kind: 'breach', at: at('SE', '2025-04-03T17:00') },
      { stage: 4, kind: 'second_escalation', at: at('SE', '2025-04-07T17:00') },
    ]);
  });

  it('puts warnings at shares of wall-clock time for calendar units', () => {
    // Mon 3 Feb 00:00 → due at the end of Mon 3 Mar: 29 days, so halfway is 17 Feb 12:00.
    const t = timeline(clock('se.fal.claim_payment', 'SE', '2025-02-03T00:00'));
    expect(t.dueAt).toEqual(at('SE', '2025-03-04T00:00'));
    expect(t.thresholds[0]?.at).toEqual(at('SE', '2025-02-17T12:00'));
    expect(t.thresholds[3]).toEqual({
      stage: 4,
      kind: 'second_escalation',
      at: at('SE', '2025-03-05T17:00'),
    });
  });

  it('escalates a business-hours second stage from the breach', () => {
    const t = timeline(clock('internal.first_contact', 'SE', '2025-06-19T10:00'));
    expect(t.thresholds.at(-1)?.at).toEqual(at('SE', '2025-06-24T12:00'));
  });
});

describe('pauses', () => {
  it('moves a calendar clock by exactly the paused time', () => {
    const pause = { from: at('SE', '2025-02-03T10:00'), to: at('SE', '2025-02-05T16:30') };
    const t = timeline(clock('se.fal.claim_payment', 'SE', '2025-01-31T12:00', [pause]));
    expect(t.dueAt).toEqual(at('SE', '2025-03-03T06:30')); // 1 Mar 00:00 + 2 d 6 h 30 min
    expect(t.thresholds.at(-1)?.at).toEqual(at('SE', '2025-03-05T17:00')); // 2 business days after Mon 3 Mar
  });

  it('moves a business clock by the office time the pause covered', () => {
    const pause = { from: at('SE', '2025-03-24T08:00'), to: at('SE', '2025-03-26T08:00') }; // 18 office hours
    const t = timeline(clock('internal.claim_decision', 'SE', '2025-03-20T10:00', [pause]));
    expect(t.dueAt).toEqual(at('SE', '2025-04-07T17:00'));
  });

  it('ignores pauses for a policy that does not pause', () => {
    const pause = { from: at('IT', '2025-01-10T08:00'), to: at('IT', '2025-02-10T08:00') };
    expect(timeline(clock('it.cap148.injury', 'IT', '2025-01-01T09:00', [pause])).dueAt).toEqual(
      at('IT', '2025-04-02T00:00'),
    );
  });

  it('stops the clock during an open pause and resumes it when the pause ends', () => {
    const from = at('SE', '2025-03-28T12:00'); // after the first warning (27 Mar 13:30)
    const open = clock('internal.claim_decision', 'SE', '2025-03-20T10:00', [{ from, to: null }]);
    expect(deadlineTimeline(open)).toBeNull();
    const status = deadlineStatus(open, at('SE', '2025-04-10T12:00'));
    expect(status).toMatchObject({
      state: 'paused',
      dueAt: null,
      stageReached: 1,
      timeLeftMs: null,
      nextThresholdAt: null,
    });
    // Thu 20 Mar 10:00 to Fri 28 Mar 12:00 is 56 of the 97 office hours.
    expect(status.elapsedShare).toBeCloseTo(56 / 97, 12);

    const resumed = { ...open, pauses: [{ from, to: at('SE', '2025-04-01T12:00') }] }; // 18 office hours
    expect(timeline(resumed).dueAt).toEqual(at('SE', '2025-04-07T17:00'));
    expect(deadlineStatus(resumed, at('SE', '2025-03-31T12:00')).state).toBe('paused');
    expect(deadlineStatus(resumed, at('SE', '2025-04-01T12:00')).state).toBe('warning');
  });

  it('does not reopen a clock that ran out before the pause began', () => {
    const late = clock('internal.first_contact', 'SE', '2025-11-03T10:00', [
      { from: at('SE', '2025-11-05T09:00'), to: null },
    ]);
    const withPause = { ...late, policy: { ...late.policy, pausesWhileAwaitingCustomer: true } };
    expect(timeline(withPause).dueAt).toEqual(at('SE', '2025-11-04T17:00'));
    expect(deadlineStatus(withPause, at('SE', '2025-11-06T09:00')).state).toBe('breached');
  });

  it('treats a pause that has not begun at `now` as not yet there', () => {
    const c = clock('se.fal.claim_payment', 'SE', '2025-01-31T12:00', [
      { from: at('SE', '2025-02-20T10:00'), to: null },
    ]);
    expect(deadlineStatus(c, at('SE', '2025-02-10T10:00')).state).toBe('on_track');
    expect(deadlineStatus(c, at('SE', '2025-02-20T10:00')).state).toBe('paused');
  });
});

describe('deadlineStatus', () => {
  const c = clock('internal.claim_decision', 'SE', '2025-03-20T10:00');
  it.each([
    ['2025-03-20T10:00', 'on_track', 0, '2025-03-27T13:30'],
    ['2025-03-27T13:29', 'on_track', 0, '2025-03-27T13:30'],
    ['2025-03-27T13:30', 'warning', 1, '2025-04-01T15:36'],
    ['2025-04-03T16:59', 'warning', 2, '2025-04-03T17:00'],
    ['2025-04-03T17:00', 'breached', 3, '2025-04-07T17:00'],
    ['2025-04-07T17:00', 'breached', 4, null],
  ] as const)('at %s: %s, stage %i, next %s', (now, state, stage, next) => {
    const s = deadlineStatus(c, at('SE', now));
    expect(s.state).toBe(state);
    expect(s.stageReached).toBe(stage);
    expect(s.nextThresholdAt).toEqual(next === null ? null : at('SE', next));
    expect(s.dueAt).toEqual(at('SE', '2025-04-03T17:00'));
    expect(s.timeLeftMs).toBe(at('SE', '2025-04-03T17:00').getTime() - at('SE', now).getTime());
  });

  it('reports the share of office time used, above 1 after the breach', () => {
    expect(deadlineStatus(c, at('SE', '2025-03-20T10:00')).elapsedShare).toBe(0);
    expect(deadlineStatus(c, at('SE', '2025-04-03T17:00')).elapsedShare).toBe(1);
    expect(deadlineStatus(c, at('SE', '2025-04-04T17:00')).elapsedShare).toBeCloseTo(106 / 97, 12);
  });

  it('evaluates a configured policy with a calendar-day second escalation', () => {
    const policy: DeadlinePolicy = {
      ...deadlinePolicy('se.fl.decision_request'),
      pausesWhileAwaitingCustomer: true,
      secondEscalationAfter: { unit: 'calendar_days', amount: 3 },
    };
    const start = at('SE', '2025-10-01T09:00');
    const plain = timeline({ policy, calendar: calendars.SE, startedAt: start, pauses: [] });
    expect(plain.dueAt).toEqual(at('SE', '2025-10-30T00:00'));
    expect(plain.thresholds.at(-1)?.at).toEqual(at('SE', '2025-11-02T00:00'));
    const paused = timeline({
      policy,
      calendar: calendars.SE,
      startedAt: start,
      pauses: [{ from: at('SE', '2025-10-10T09:00'), to: at('SE', '2025-10-10T15:00') }],
    });
    // 29 Oct 24:00 + 6 h; across the autumn DST change the wall-clock time is kept.
    expect(paused.dueAt).toEqual(at('SE', '2025-10-30T06:00'));
    expect(paused.thresholds.at(-1)?.at).toEqual(at('SE', '2025-11-02T06:00'));
  });
});
