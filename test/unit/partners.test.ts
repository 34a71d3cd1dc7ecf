import { describe, expect, it } from 'vitest';
import { organisationCheckCharacter, organisationCodeProblem, partnerRegistration } from '../../shared/domain/partners';
import { callerOfArn, officerOfCaller, partnerOfCaller, recipientOfCaller } from '../../shared/platform/principals';

describe('unified social credit codes (GB 32100)', () => {
  it('computes the check character of published codes', () => {
    // The standard's own example, and codes whose check is a letter, a digit and 0.
    expect(organisationCheckCharacter('91350100M000100Y4')).toBe('3');
    expect(organisationCheckCharacter('53430104MJ0000012')).toBe('J');
    expect(organisationCheckCharacter('52430102MJ1234567')).toBe('9');
  });

  it('refuses a wrong check character, a wrong length and letters the standard leaves out', () => {
    expect(organisationCodeProblem('91350100M000100Y43')).toBeUndefined();
    expect(organisationCodeProblem('91350100M000100Y44')).toMatch(/校验码不符/);
    expect(organisationCodeProblem('91350100M000100Y4')).toMatch(/18 位/);
    expect(organisationCodeProblem('91350100M0001O0Y43')).toMatch(/无效字符/);
    // Every one-character change of a valid code is caught (a weighted mod-31 sum).
    const valid = '53430104MJ0000012J';
    for (let i = 0; i < 17; i += 1) {
      const c = valid[i] === '1' ? '2' : '1';
      expect(organisationCodeProblem(valid.slice(0, i) + c + valid.slice(i + 1)), `position ${i}`).toBeDefined();
    }
  });

  it('registers by kind, code, name and districts; the districts are the city’s', () => {
    expect(
      partnerRegistration.safeParse({ kind: 'charity', organisationCode: '53430104MJ0000012J', name: '岳麓区慈善会', districts: ['430104'] }).success,
    ).toBe(true);
    expect(
      partnerRegistration.safeParse({ kind: 'charity', organisationCode: '53430104MJ0000012J', name: '岳麓区慈善会', districts: ['110101'] }).success,
    ).toBe(false);
    expect(partnerRegistration.safeParse({ kind: 'donor', organisationCode: '53430104MJ0000012J', name: '岳麓区慈善会', districts: ['430104'] }).success).toBe(
      false,
    );
  });
});

describe('who a partner session is', () => {
  const arn = (role: string, session: string) => `arn:aws-cn:sts::123456789012:assumed-role/${role}/${session}`;

  it('reads the kind from the role and the organisation from the session name', () => {
    expect(partnerOfCaller(arn('lim-prod-charity', '53430104MJ0000012J'), 'lim-prod')).toEqual({ kind: 'charity', organisation: '53430104MJ0000012J' });
    expect(partnerOfCaller(arn('lim-prod-service-provider', '52430102MJ12345679'), 'lim-prod')).toEqual({
      kind: 'service-provider',
      organisation: '52430102MJ12345679',
    });
    expect(callerOfArn(arn('lim-prod-charity', '53430104MJ0000012J'), 'lim-prod')).toBe('charity');
    expect(officerOfCaller(arn('lim-prod-charity', '53430104MJ0000012J'))).toBe('53430104MJ0000012J');
  });

  it('is no department, and a department is no partner; another prefix is neither', () => {
    expect(recipientOfCaller(arn('lim-prod-charity', '53430104MJ0000012J'), 'lim-prod')).toBeUndefined();
    expect(partnerOfCaller(arn('lim-prod-health', 'li.na'), 'lim-prod')).toBeUndefined();
    expect(callerOfArn(arn('lim-prod-health', 'li.na'), 'lim-prod')).toBe('health');
    expect(partnerOfCaller(arn('lim-test-charity', '53430104MJ0000012J'), 'lim-prod')).toBeUndefined();
    expect(partnerOfCaller('arn:aws:iam::123456789012:role/lim-prod-charity', 'lim-prod')).toBeUndefined();
  });
});
