/**
 * Dates as written in front matter, JSON Lines and HTML metadata → ISO calendar dates
 * (`2020-02-28`). Deterministic and clock-free: the date is taken as written (no time-zone shift), so
 * `2020-02-28T23:30:00-05:00` stays 2020-02-28, the day the outlet printed.
 */

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
};

function iso(y: number, m: number, d: number): string | null {
  if (y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1 || d > 31) return null;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > days) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function month(name: string): number | undefined {
  return MONTHS[name.slice(0, 3).toLowerCase()];
}

/**
 * Normalises a date string to `YYYY-MM-DD`, or null when it is not a recognisable calendar date.
 * Accepts ISO 8601 (`2020-02-28`, `2020-02-28T03:46:00Z`), `2020/02/28`, `28-FEB-1987 15:01:01.79`,
 * `February 28th, 2020`, `Fri, 28 Feb 2020 03:46:00 GMT`, `28 February 2020`.
 */
export function normaliseDate(raw: string): string | null {
  const s = raw.trim();
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:$|[T\s])/.exec(s);
  if (m) return iso(+m[1]!, +m[2]!, +m[3]!);
  m = /^(\d{4})(\d{2})(\d{2})(?:$|T)/.exec(s);
  if (m) return iso(+m[1]!, +m[2]!, +m[3]!);
  m = /^(?:[A-Za-z]+,?\s+)?(\d{1,2})(?:st|nd|rd|th)?[-\s.]+([A-Za-z]{3,9})\.?,?[-\s.]+(\d{4})\b/.exec(s);
  if (m) {
    const mo = month(m[2]!);
    if (mo) return iso(+m[3]!, mo, +m[1]!);
  }
  m = /^(?:[A-Za-z]+,?\s+)?([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b/.exec(s);
  if (m) {
    const mo = month(m[1]!);
    if (mo) return iso(+m[3]!, mo, +m[2]!);
  }
  return null;
}
