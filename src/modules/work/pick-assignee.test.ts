import { describe, expect, it } from 'vitest';
import { type Candidate, pickAssignee, qualifies } from './pick-assignee.ts';

const at = (iso: string) => new Date(iso);
const rep = (id: string, over: Partial<Candidate> = {}): Candidate => ({
  id,
  languages: [],
  productSkills: [],
  lastAssignedAt: null,
  ...over,
});
const work = { language: 'sv' as const, productCode: 'SE-TRAVEL' };

describe('assignment rules', () => {
  it.each([
    [rep('a'), true], // no skills listed: any language, any product
    [rep('a', { languages: ['sv', 'en'] }), true],
    [rep('a', { languages: ['it'] }), false],
    [rep('a', { productSkills: ['SE-TRAVEL'] }), true],
    [rep('a', { productSkills: ['IT-HEALTH'] }), false],
    [rep('a', { languages: ['sv'], productSkills: ['IT-HEALTH'] }), false],
  ])('qualifies %o: %s', (c, expected) => {
    expect(qualifies(c, work.language, work.productCode)).toBe(expected);
  });

  it('gives the work to the qualified person idle the longest; never-assigned people first', () => {
    const people = [
      rep('b', { lastAssignedAt: at('2026-11-20T10:00:00Z') }),
      rep('c', { lastAssignedAt: at('2026-11-20T09:00:00Z') }),
      rep('d', { lastAssignedAt: at('2026-11-19T09:00:00Z'), languages: ['it'] }), // idle longest, wrong language
    ];
    expect(pickAssignee(people, work)?.id).toBe('c');
    expect(pickAssignee([...people, rep('z')], work)?.id).toBe('z');
  });

  it('breaks ties by id, so the choice does not depend on the order rows come back in', () => {
    const same = at('2026-11-20T10:00:00Z');
    const people = [rep('y', { lastAssignedAt: same }), rep('x', { lastAssignedAt: same })];
    expect(pickAssignee(people, work)?.id).toBe('x');
    expect(pickAssignee([...people].reverse(), work)?.id).toBe('x');
  });

  it('round-robins: assigning in turn and stamping the time visits everyone before anyone twice', () => {
    const people = ['p1', 'p2', 'p3'].map((id) => rep(id));
    const order: string[] = [];
    for (let i = 0; i < 6; i++) {
      const chosen = pickAssignee(people, work);
      if (!chosen) throw new Error('nobody');
      order.push(chosen.id);
      chosen.lastAssignedAt = new Date(Date.UTC(2026, 10, 21, 8, i));
    }
    expect(order).toEqual(['p1', 'p2', 'p3', 'p1', 'p2', 'p3']);
  });

  it('returns null when nobody qualifies (the item waits in the unassigned queue)', () => {
    expect(pickAssignee([rep('a', { languages: ['it'] })], work)).toBeNull();
    expect(pickAssignee([], work)).toBeNull();
  });
});
