import { answer, apiHandler } from '../../shared/http/api-handler';
import { partnerAnswer, partnerList } from '../../shared/platform/answers/partners';
import { officerOfCaller } from '../../shared/platform/principals';
import * as runtime from '../../shared/wiring/runtime';
import * as table from '../../shared/wiring/table';
import { listPartners, registerPartner } from './use-case';

/**
 * 社会力量: civil affairs registers partner organisations; a partner reads what is its own. The
 * edge (shared/http/api-handler.ts) has already admitted a partner only as a registered, active
 * organisation of its role's kind, and hands it over as `call.partner`.
 */
export const handler = apiHandler('partner-gateway', async (call, event) => {
  const ports = { partners: table.partners(), now: runtime.now };
  switch (call.routeId) {
    case 'register-partner': {
      const officer = officerOfCaller(event.requestContext?.identity?.userArn) ?? call.caller;
      return answer(200, partnerAnswer, await registerPartner(call.body, officer, ports));
    }
    case 'list-partners':
      return answer(200, partnerList, await listPartners(event.queryStringParameters, ports));
    case 'read-own-partner':
      return answer(200, partnerAnswer, call.partner);
  }
});
