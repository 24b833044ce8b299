import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { businessCalendar, isBusinessDay, localDate } from './business-calendar.ts';
import { type Clock, deadlineStatus, deadlineTimeline, type Pause } from './deadline-clock.ts';
import { DEADLINE_POLICIES, deadlinePolicy } from './deadline-policies.ts';

// Properties of every shipped policy for arbitrary starts (2020–2030) and closed pauses.

const DAY = 86_400_000;
const calendars = { SE: businessCalendar('SE'), IT: businessCalendar('IT') };

const pauseArb = (start: number) =>
  fc
    .record({
      offset: fc.integer({ min: -3 * DAY, max: 200 * DAY }),
      length: fc.integer({ min: 1, max: 20 * DAY }),
    })
    .map(
      ({ offset, length }): Pause => ({
        from: new Date(start + offset),
        to: new Date(start + offset + length),
      }),
    );

const clockArb = fc
  .record({
    policy: fc.constantFrom(...DEADLINE_POLICIES),
    zone: fc.constantFrom('SE' as const, 'IT' as const),
    start: fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 0, 1) }),
  })
  .chain(({ policy, zone, start }) =>
    fc.array(pauseArb(start), { maxLength: 3 }).map(
      (pauses): Clock => ({
        policy,
        calendar: calendars[policy.jurisdiction ?? zone],
        startedAt: new Date(start),
        pauses,
      }),
    ),
  );

function timeline(c: Clock) {
  const t = deadlineTimeline(c);
  if (!t) throw new Error('closed pauses never stop a clock');
  return t;
}

describe('deadline clock properties', () => {
  it('numbers thresholds 1..n in strictly increasing time: warnings, breach, second escalation', () => {
    fc.assert(
      fc.property(clockArb, (c) => {
        const { dueAt, thresholds } = timeline(c);
        const warnings = c.policy.warnAtShares.length;
        expect(thresholds.map((t) => t.kind)).toEqual([
          ...Array(warnings).fill('warning'),
          'breach',
          'second_escalation',
        ]);
        thresholds.forEach((t, i) => {
          expect(t.stage).toBe(i + 1);
          if (i > 0) expect(t.at.getTime()).toBeGreaterThan((thresholds[i - 1] as { at: Date }).at.getTime());
        });
        expect(thresholds[warnings]?.at).toEqual(dueAt);
        expect(thresholds[0]?.at.getTime()).toBeGreaterThan(c.startedAt.getTime());
      }),
    );
  });

  it('never makes a deadline or threshold earlier because of a pause', () => {
    fc.assert(
      fc.property(clockArb, (c) => {
        const paused = timeline(c);
        const plain = timeline({ ...c, pauses: [] });
        paused.thresholds.forEach((t, i) => {
          expect(t.at.getTime()).toBeGreaterThanOrEqual((plain.thresholds[i] as { at: Date }).at.getTime());
        });
      }),
    );
  });

  it('moves a calendar clock by exactly the length of a pause that starts before the due instant', () => {
    const policy = deadlinePolicy('se.fal.claim_payment');
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 0, 1) }),
        fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
        fc.integer({ min: 1, max: 30 * DAY }),
        (start, where, length) => {
          const base = { policy, calendar: calendars.SE, startedAt: new Date(start), pauses: [] };
          const due0 = timeline(base).dueAt.getTime();
          const from = start + Math.floor(where * (due0 - start));
          const moved = timeline({
            ...base,
            pauses: [{ from: new Date(from), to: new Date(from + length) }],
          });
          expect(moved.dueAt.getTime()).toBe(due0 + length);
          const after = timeline({
            ...base,
            pauses: [{ from: new Date(due0), to: new Date(due0 + length) }],
          });
          expect(after.dueAt.getTime()).toBe(due0);
        },
      ),
    );
  });

  it('is breached at the due instant and not one millisecond before', () => {
    fc.assert(
      fc.property(clockArb, (c) => {
        const { dueAt } = timeline(c);
        const at = deadlineStatus(c, dueAt);
        const before = deadlineStatus(c, new Date(dueAt.getTime() - 1));
        expect(at.state).toBe('breached');
        expect(at.stageReached).toBe(c.policy.warnAtShares.length + 1);
        expect(at.timeLeftMs).toBe(0);
        expect(at.elapsedShare).toBe(1);
        expect(['on_track', 'warning', 'paused']).toContain(before.state);
        expect(before.state).not.toBe('paused'); // every pause before the due instant has ended by then
        expect(before.stageReached).toBe(c.policy.warnAtShares.length);
      }),
    );
  });

  it('ends a business-unit or rolled-forward deadline on a business day', () => {
    fc.assert(
      fc.property(clockArb, (c) => {
        const { dueAt } = timeline({ ...c, pauses: [] });
        const lastDay = localDate(c.calendar, new Date(dueAt.getTime() - 1));
        if (c.policy.clock.unit.startsWith('business_') || c.policy.rollForwardToBusinessDay) {
          expect(isBusinessDay(c.calendar, lastDay)).toBe(true);
        }
      }),
    );
  });
});
