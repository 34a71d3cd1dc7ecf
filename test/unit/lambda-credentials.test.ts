import { describe, expect, it } from 'vitest';
import { credentialsFromEnvironment, defaultProvider } from '../../shared/adapters/aws/lambda-credentials.js';

describe("a function's credentials come from its environment", () => {
  it('reads the key pair, the session token and the expiry Lambda sets', () => {
    const credentials = credentialsFromEnvironment({
      AWS_ACCESS_KEY_ID: 'ASIAEXAMPLEKEY',
      AWS_SECRET_ACCESS_KEY: 'secret',
      AWS_SESSION_TOKEN: 'token',
      AWS_CREDENTIAL_EXPIRATION: '2026-12-02T10:00:00Z',
    });
    expect(credentials).toEqual({
      accessKeyId: 'ASIAEXAMPLEKEY',
      secretAccessKey: 'secret',
      sessionToken: 'token',
      expiration: new Date('2026-12-02T10:00:00Z'),
    });
  });

  it('leaves out what is not set and refuses a missing secret', () => {
    expect(credentialsFromEnvironment({ AWS_ACCESS_KEY_ID: 'AKIA', AWS_SECRET_ACCESS_KEY: 's' })).toEqual({
      accessKeyId: 'AKIA',
      secretAccessKey: 's',
    });
    expect(() => credentialsFromEnvironment({ AWS_ACCESS_KEY_ID: 'AKIA' })).toThrow(/AWS_SECRET_ACCESS_KEY/);
  });

  it('reads the environment afresh on each call, as the SDK asks again when credentials expire', async () => {
    const saved = { ...process.env };
    try {
      const provider = defaultProvider();
      process.env.AWS_ACCESS_KEY_ID = 'FIRST';
      process.env.AWS_SECRET_ACCESS_KEY = 's1';
      expect((await provider()).accessKeyId).toBe('FIRST');
      process.env.AWS_ACCESS_KEY_ID = 'SECOND';
      expect((await provider()).accessKeyId).toBe('SECOND');
    } finally {
      process.env = saved;
    }
  });
});
