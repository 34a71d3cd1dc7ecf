import { answer, apiHandler } from '../../shared/http/api-handler';
import {
  charityConsentReceipt,
  charityDeliveryReceipt,
  charityMatchingRun,
  charityMatchList,
  charityOfferList,
  charityOfferReceipt,
  partnerAnswer,
  partnerList,
} from '../../shared/platform/answers/partners';
import { officerOfCaller } from '../../shared/platform/principals';
import * as runtime from '../../shared/wiring/runtime';
import { personKey } from '../../shared/wiring/secrets';
import * as table from '../../shared/wiring/table';
import { listOwnMatches, listOwnOffers, publishOffer, recordConsent, reportDelivery, runMatching } from './charity';
import { listPartners, registerPartner } from './use-case';

/**
 * 社会力量: civil affairs registers partner organisations and records households' consent to
 * charity matching; a charity publishes offers, reads its masked matches and reports deliveries.
 * The edge (shared/http/api-handler.ts) has already admitted a partner only as a registered,
 * active organisation of its role's kind, and hands it over as `call.partner`.
 */
export const handler = apiHandler('partner-gateway', async (call, event) => {
  const ports = { partners: table.partners(), now: runtime.now };
  const charity = () => ({
    charity: table.charity(),
    register: table.register(),
    warnings: table.warnings(),
    personKey: personKey(),
    statistics: table.statistics(),
    now: runtime.now,
  });
  switch (call.routeId) {
    case 'register-partner': {
      const officer = officerOfCaller(event.requestContext?.identity?.userArn) ?? call.caller;
      return answer(200, partnerAnswer, await registerPartner(call.body, officer, ports));
    }
    case 'list-partners':
      return answer(200, partnerList, await listPartners(event.queryStringParameters, ports));
    case 'read-own-partner':
      return answer(200, partnerAnswer, call.partner);
    case 'publish-charity-offer': {
      // Sent again with the same Idempotency-Key, the same offer (its id is derived from it).
      const key = Object.entries(event.headers ?? {}).find(([h]) => h.toLowerCase() === 'idempotency-key')?.[1];
      const published = await publishOffer(call.body, call.partner!, key ?? event.requestContext.requestId, charity());
      return answer(200, charityOfferReceipt, published, { audit: { subjects: [published.offer.offerId] } });
    }
    case 'list-charity-offers':
      return answer(200, charityOfferList, await listOwnOffers(call.partner!, charity()));
    case 'record-charity-consent': {
      const recorded = await recordConsent(event.pathParameters?.householdId ?? '', call.body, charity());
      return answer(200, charityConsentReceipt, recorded);
    }
    case 'run-charity-matching': {
      const run = await runMatching(charity());
      return answer(200, charityMatchingRun, run, { audit: { subjects: run.matchIds } });
    }
    case 'list-charity-matches': {
      const { matches, audit } = await listOwnMatches(call.partner!, charity());
      return answer(200, charityMatchList, { matches }, { audit });
    }
    case 'report-charity-delivery': {
      const reported = await reportDelivery(call.partner!, event.pathParameters?.matchId ?? '', call.body, charity());
      return answer(200, charityDeliveryReceipt, reported, { audit: { subjects: [reported.householdId, reported.match.matchId] } });
    }
  }
});
