import { describe, expect, it } from 'vitest';
import { headerValue, mimeProblem } from './mime-problems.ts';

const GOOD = [
  'From: Anna <anna@example.se>',
  'To: claims@claimdesk.example',
  'Subject: =?UTF-8?Q?Skadeanm=C3=A4lan?=',
  'Content-Type: multipart/mixed;',
  ' boundary="b1"',
  '',
  '--b1',
  'Content-Type: multipart/alternative; boundary=b2',
  '',
  '--b2',
  'Content-Type: text/plain',
  '',
  'Hej',
  '--b2--',
  '--b1--',
  '',
].join('\r\n');

describe('mimeProblem', () => {
  it('accepts a well-formed nested multipart message', () => {
    expect(mimeProblem(GOOD)).toBeNull();
  });

  it('accepts a message with headers only', () => {
    expect(mimeProblem('From: a@b.se\r\nSubject: x\r\n')).toBeNull();
  });

  it.each([
    ['empty input', '', /empty/],
    ['no header section', 'This is not an email at all.\n\nJust text.', /Header line 1/],
    ['a broken header line', 'From: a@b.se\r\nthis line is no header\r\n\r\nbody', /Header line 2/],
    ['no From', 'To: x@y.se\r\nSubject: hi\r\n\r\nbody', /no From/],
    [
      'a multipart without boundary',
      'From: a@b.se\r\nContent-Type: multipart/mixed\r\n\r\n--x\r\n\r\nbody\r\n--x--',
      /no boundary/,
    ],
    [
      'a boundary that never appears',
      'From: a@b.se\r\nContent-Type: multipart/mixed; boundary="abc"\r\n\r\n--xyz\r\n\r\nbody\r\n--xyz--',
      /"abc" never appears/,
    ],
    ['a nested part without its boundary', GOOD.replace('--b2--', '').replaceAll('--b2', '--zz'), /"b2"/],
  ])('finds %s', (_what, raw, problem) => {
    expect(mimeProblem(raw)).toMatch(problem);
  });
});

describe('headerValue', () => {
  it('reads unfolded values case-insensitively', () => {
    expect(headerValue('From: a\r\nContent-Type: multipart/mixed;\r\n boundary="b1"', 'content-type')).toBe(
      'multipart/mixed; boundary="b1"',
    );
    expect(headerValue('From: a', 'subject')).toBeNull();
  });
});
