import { RequestSigner } from '../../client/signer';
import type { LocalPlatform } from '../../infra/local/platform';
import type { PartnerKind } from '../../shared/domain/partners';

export interface PartnerAnswer<T> {
  status: number;
  body: T;
}

/**
 * A partner organisation on the local platform: keys for a session of its kind's role named by
 * its unified social credit code (platform.partnerCredential), and SigV4-signed calls with them.
 */
export function asPartner(platform: LocalPlatform, kind: PartnerKind, organisationCode: string) {
  const keys = platform.partnerCredential(kind, organisationCode);
  const signer = new RequestSigner({ accessKeyId: keys.accessKeyId, secretAccessKey: keys.secretAccessKey }, platform.region);
  return {
    organisationCode,
    async call<T = Record<string, unknown>>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<PartnerAnswer<T>> {
      const url = `${platform.url}${path}`;
      const payload = body === undefined ? '' : JSON.stringify(body);
      const headers = await signer.sign({
        method,
        url,
        headers: { accept: 'application/json', ...(payload ? { 'content-type': 'application/json' } : {}) },
        body: payload,
      });
      const response = await fetch(url, { method, headers, ...(payload ? { body: payload } : {}) });
      const text = await response.text();
      return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
    },
  };
}
