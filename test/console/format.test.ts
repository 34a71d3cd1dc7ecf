import { describe, expect, it } from 'vitest';
import { bilingual, inLanguage } from '../../shared/domain/bilingual';
import { cityTime, daysSince, districtName, half, relativeTime, yuan } from '../../console/src/components/format';

describe('the console’s formatting of what the API answers', () => {
  it('shows the chosen half of a bilingual message in either order the API writes it', () => {
    const message = bilingual('须为 GB 11643 身份号码', 'must be a GB 11643 / ISO 7064 identity number');
    expect(half(message, 'zh-CN')).toBe('须为 GB 11643 身份号码');
    expect(half(message, 'en')).toBe('must be a GB 11643 / ISO 7064 identity number');
    // For a caller asking for English first the edge puts English first; the English half holds " / " too.
    const englishFirst = inLanguage(message, 'en');
    expect(englishFirst.startsWith('must be')).toBe(true);
    expect(half(englishFirst, 'zh-CN')).toBe('须为 GB 11643 身份号码');
    expect(half(englishFirst, 'en')).toBe('must be a GB 11643 / ISO 7064 identity number');
    expect(half('IND-01 recipient died: end or adjust assistance', 'zh-CN')).toBe('IND-01 recipient died: end or adjust assistance');
  });

  it('names districts from the platform’s own list, and leaves an unknown code as it is', () => {
    expect(districtName('430104', 'zh-CN')).toBe('岳麓区');
    expect(districtName('430104', 'en')).toBe('Yuelu');
    expect(districtName('430121', 'en')).toBe('Changsha County');
    expect(districtName('430121', 'zh-CN')).toBe('长沙县');
    expect(districtName('110101', 'zh-CN')).toBe('110101');
  });

  it('reads times in Beijing time and counts days and deadlines from now', () => {
    expect(cityTime('2026-11-20T16:30:00.000Z', 'zh-CN')).toBe('2026/11/21 00:30');
    const now = Date.parse('2026-12-02T09:00:00.000Z');
    expect(daysSince('2026-11-21T09:00:00.000Z', now)).toBe(11);
    expect(daysSince('2026-12-02T08:00:00.000Z', now)).toBe(0);
    expect(relativeTime('2026-12-05T09:00:00.000Z', 'en', now)).toBe('in 3 days');
    expect(relativeTime('2026-12-05T09:00:00.000Z', 'zh-CN', now)).toBe('3天后');
    expect(relativeTime('2026-12-02T07:00:00.000Z', 'en', now)).toBe('2 hours ago');
    expect(yuan(123_456)).toBe('1234.56');
  });
});
