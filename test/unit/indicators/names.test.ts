import { describe, expect, it } from 'vitest';
import viteConfig from '../../../console/vite.config';
import { departmentGuide } from '../../../shared/platform/department-guide';
import { ALL_INDICATORS } from '../../../shared/domain/indicators';
import { indicatorTitleZh } from '../../../shared/domain/indicators/names';

// Han characters, with the full-width colon, enumeration comma and brackets the names use between their parts.
const CHINESE_NAME = /^[\p{Script=Han}：、（）]+$/u;

describe('indicator names', () => {
  it('gives every indicator a Chinese name of Chinese characters, each its own', () => {
    // Every indicator file is in the registry: the ids run IND-01, IND-02, … without a gap.
    expect(ALL_INDICATORS.map((i) => i.id).sort()).toEqual(ALL_INDICATORS.map((_, n) => `IND-${String(n + 1).padStart(2, '0')}`));
    for (const i of ALL_INDICATORS) expect(i.titleZh, i.id).toMatch(CHINESE_NAME);
    expect(new Set(ALL_INDICATORS.map((i) => i.titleZh)).size).toBe(ALL_INDICATORS.length);
    expect(indicatorTitleZh('IND-01')).toBe('救助对象死亡');
    expect(indicatorTitleZh('IND-99')).toBeUndefined();
  });

  it('passes the console the same names as the registry, Chinese and English', () => {
    const define = (viteConfig as { define?: Record<string, string> }).define;
    const built = JSON.parse(define?.__INDICATORS__ ?? 'null') as Record<string, { zh: string; en: string }>;
    expect(built).toEqual(Object.fromEntries(ALL_INDICATORS.map((i) => [i.id, { zh: i.titleZh, en: i.title }])));
    expect(built['IND-15']).toEqual({ zh: '预警超期未处理', en: 'warning not handled within its deadline' });
  });

  it('shows each department the Chinese name beside the English title', () => {
    const guide = departmentGuide('medical-insurance');
    expect(guide).toContain('| IND-10 | 未获参保资助或资助不足 premium subsidy missing or short |');
  });
});
