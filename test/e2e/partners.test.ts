import { describe, expect, it } from 'vitest';
import { organisationCheckCharacter } from '../../shared/domain/partners';
import { onLocalPlatform } from './departments';
import { asPartner } from './partners';

/**
 * Partner principals on the local platform: civil affairs registers a charity; the charity, as a
 * session of the charity role named by its code, reads its own registration; a session named by
 * a code nobody registered gets 403, and so does one of the wrong kind; a department may not call
 * a partner's route, nor a partner a department's.
 */
const { platform, as } = onLocalPlatform();
const code = (first17: string) => first17 + organisationCheckCharacter(first17);
const CHARITY = code('53430104MJ0000012'); // 岳麓区 foundation (登记管理机关 5 民政, 类别 3 基金会)
const UNREGISTERED = code('53430102MJ7000005');

describe('partner organisations sign as their kind’s role, by their code', () => {
  it('civil affairs registers a charity and lists it', async () => {
    const civil = as('civil-affairs');
    const registered = await civil.call('POST', '/partners', {
      kind: 'charity',
      organisationCode: CHARITY,
      name: '岳麓区慈善会',
      districts: ['430104', '430102'],
    });
    expect(registered.status).toBe(200);
    expect(registered.body).toMatchObject({
      kind: 'charity',
      organisationCode: CHARITY,
      districts: ['430102', '430104'],
      active: true,
      registeredBy: 'civil-affairs.officer-01',
    });
    const listed = await civil.call<{ partners: { organisationCode: string }[] }>('GET', '/partners?kind=charity');
    expect(listed.body.partners.map((p) => p.organisationCode)).toEqual([CHARITY]);
    expect((await civil.call<{ partners: unknown[] }>('GET', '/partners?kind=service-provider')).body.partners).toEqual([]);
  });

  it('refuses a code whose check character is wrong, naming the field', async () => {
    const wrong = CHARITY.slice(0, 17) + (CHARITY[17] === '0' ? '1' : '0');
    const refused = await as('civil-affairs').call<{ error: string; problems: { field: string }[] }>('POST', '/partners', {
      kind: 'charity',
      organisationCode: wrong,
      name: '某慈善会',
      districts: ['430104'],
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toBe('InvalidPartner');
    expect(refused.body.problems.map((p) => p.field)).toEqual(['organisationCode']);
  });

  it('a registered charity reads its own registration', async () => {
    const charity = asPartner(platform, 'charity', CHARITY);
    const own = await charity.call('GET', '/partners/me');
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ kind: 'charity', organisationCode: CHARITY, name: '岳麓区慈善会' });
  });

  it('an unregistered session name, or the wrong kind, gets 403 in Chinese and English', async () => {
    const stranger = await asPartner(platform, 'charity', UNREGISTERED).call<{ error: string; message: string }>('GET', '/partners/me');
    expect(stranger.status).toBe(403);
    expect(stranger.body.error).toBe('PartnerNotRegistered');
    expect(stranger.body.message).toBe(
      `会话 ${UNREGISTERED} 不是已登记且有效的慈善组织 / session ${UNREGISTERED} is not a registered, active charity organisation`,
    );
    // Registered as a charity, not as a service provider.
    const wrongKind = await asPartner(platform, 'service-provider', CHARITY).call<{ error: string }>('GET', '/partners/me');
    expect([wrongKind.status, wrongKind.body.error]).toEqual([403, 'PartnerNotRegistered']);
  });

  it('a suspended charity is refused', async () => {
    const suspended = code('53430105MJ3000008');
    await as('civil-affairs').call('POST', '/partners', { kind: 'charity', organisationCode: suspended, name: '开福区慈善会', districts: ['430105'] });
    expect((await asPartner(platform, 'charity', suspended).call('GET', '/partners/me')).status).toBe(200);
    await as('civil-affairs').call('POST', '/partners', {
      kind: 'charity',
      organisationCode: suspended,
      name: '开福区慈善会',
      districts: ['430105'],
      active: false,
    });
    expect((await asPartner(platform, 'charity', suspended).call('GET', '/partners/me')).status).toBe(403);
  });

  it('keeps departments and partners on their own routes', async () => {
    expect((await as('education').call('GET', '/partners/me')).status).toBe(403);
    expect((await as('education').call('POST', '/partners', { kind: 'charity', organisationCode: CHARITY, name: 'x', districts: ['430104'] })).status).toBe(
      403,
    );
    const charity = asPartner(platform, 'charity', CHARITY);
    expect((await charity.call('GET', '/partners')).status).toBe(403);
    expect((await charity.call('GET', '/departments/civil-affairs/warnings')).status).toBe(403);
  });
});
