import { describe, expect, it } from 'vitest';
import { graphSummary } from './format.js';

describe('format', () => {
  it('should write every count of the summary with thousands separators', () => {
    expect(graphSummary(38246, 4395, 21269, 7940.4)).toBe('38,246 entities · 4,395 relations · 21,269 documents · loaded in 7,940 ms');
  });
});
