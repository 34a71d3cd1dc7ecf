import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hexIdOf } from '../../shared/domain/hex-id';
import { warningIdFor } from '../../shared/domain/warning';
import { submissionIdFor } from '../../functions/submission-intake/use-case';
import { identifierProblem } from '../../shared/privacy/free-text';
import { WARNING_ID_PATTERN, SUBMISSION_ID_PATTERN } from '../../shared/platform/answers/fields';

describe('the platform’s own ids hold no number a scanner would take for a person’s', () => {
  it('derives 20,000 warning and submission ids with no run of 11 digits, in their documented patterns, the same each time', () => {
    for (let i = 0; i < 20_000; i++) {
      const warning = warningIdFor('IND-01', `430104-2026-${String(i).padStart(6, '0')}`, `p1_x:${i}`);
      const submission = submissionIdFor('health', `health-deaths-${i}`);
      for (const id of [warning, submission]) {
        expect(id).not.toMatch(/\d{11}/);
        expect(identifierProblem(id), id).toBeUndefined();
      }
      expect(warning).toMatch(WARNING_ID_PATTERN);
      expect(submission).toMatch(SUBMISSION_ID_PATTERN);
    }
    expect(warningIdFor('IND-01', '430104-2026-000001', 'k')).toBe(warningIdFor('IND-01', '430104-2026-000001', 'k'));
  });

  it('hashes again only the seeds whose first digest holds such a run, and leaves the others as they were', () => {
    const raw = (seed: string) => createHash('sha256').update(seed).digest('hex').slice(0, 24).toUpperCase();
    const seeds = Array.from({ length: 5_000 }, (_, i) => `seed-${i}`);
    const withRun = seeds.filter((s) => /\d{11}/.test(raw(s)));
    expect(withRun.length).toBeGreaterThan(0); // about 1 in 60 for 24 hex characters
    for (const s of withRun) expect(hexIdOf(s, 24)).not.toBe(raw(s));
    for (const s of seeds.filter((x) => !withRun.includes(x))) expect(hexIdOf(s, 24)).toBe(raw(s));
  });
});
