import { describe, expect, it } from 'vitest';
import { officerOfCaller, recipientOfCaller } from '../../shared/platform/principals';

describe('who called: the department and the officer behind a role session', () => {
  const session = (role: string, name: string, partition = 'aws-cn') => `arn:${partition}:sts::123456789012:assumed-role/${role}/${name}`;

  it('reads the department from the role and the officer from the session name (the source identity)', () => {
    expect(recipientOfCaller(session('lim-prod-health', 'wang.fang@wjw'), 'lim-prod')).toBe('health');
    expect(officerOfCaller(session('lim-prod-health', 'wang.fang@wjw'))).toBe('wang.fang@wjw');
    expect(officerOfCaller(session('lim-prod-supervision', 'li.na', 'aws'))).toBe('li.na');
  });

  it('knows no officer or department for anything else', () => {
    for (const arn of [
      undefined,
      null,
      '',
      'arn:aws-cn:iam::123456789012:user/wang',
      'arn:aws-cn:sts::123456789012:assumed-role/lim-prod-health',
      'arn:aws-cn:sts::12345:assumed-role/lim-prod-health/x',
    ]) {
      expect(officerOfCaller(arn)).toBeUndefined();
      expect(recipientOfCaller(arn, 'lim-prod')).toBeUndefined();
    }
    expect(recipientOfCaller(session('lim-prod-finance', 'x'), 'lim-prod')).toBeUndefined();
    expect(recipientOfCaller(session('other-health', 'x'), 'lim-prod')).toBeUndefined();
  });
});
