import { describe, expect, it } from 'vitest';
import { normaliseDate } from './dates.js';

describe('dates', () => {
  describe('normaliseDate', () => {
    it.each([
      ['ISO date', '2020-02-28', '2020-02-28'],
      ['ISO date-time with offset (date as written)', '2020-02-28T23:30:00-05:00', '2020-02-28'],
      ['ISO date-time UTC', '2020-02-28T03:46:00Z', '2020-02-28'],
      ['slashes', '2020/2/8', '2020-02-08'],
      ['compact', '20200228', '2020-02-28'],
      ['Reuters-21578', '26-FEB-1987 15:01:01.79', '1987-02-26'],
      ['RFC 2822', 'Fri, 28 Feb 2020 03:46:00 GMT', '2020-02-28'],
      ['day month year', '28 February 2020', '2020-02-28'],
      ['month day, year with ordinal', 'February 28th, 2020', '2020-02-28'],
      ['weekday, month day, year', 'Monday, Mar 27, 2023', '2023-03-27'],
    ])('should read %s', (_label, raw, iso) => {
      expect(normaliseDate(raw)).toBe(iso);
    });

    it.each([
      ['empty', ''],
      ['words', 'last Thursday'],
      ['impossible day', '2020-02-30'],
      ['impossible month', '2020-13-01'],
      ['unknown month name', '28 Foo 2020'],
      ['year only', '2020'],
    ])('should give null for %s', (_label, raw) => {
      expect(normaliseDate(raw)).toBeNull();
    });
  });
});
