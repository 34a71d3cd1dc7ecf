import { bilingual } from '../../shared/domain/bilingual';
import { fieldProblems, invalidInput } from '../../shared/domain/errors';
import { PARTNER_KINDS, partnersQuery, type Partner, type PartnerRegistrationRequest } from '../../shared/domain/partners';
import type { PartnerRegistry } from '../../shared/ports/partners';

export interface PartnerPorts {
  partners: PartnerRegistry;
  now: () => Date;
}

/** 社会力量登记: civil affairs registers (or re-registers, or suspends) an organisation; the officer is kept. */
export async function registerPartner(request: PartnerRegistrationRequest, officer: string, ports: PartnerPorts): Promise<Partner> {
  const partner: Partner = {
    kind: request.kind,
    organisationCode: request.organisationCode,
    name: request.name,
    districts: [...request.districts].sort(),
    active: request.active,
    registeredAt: ports.now().toISOString(),
    registeredBy: officer,
  };
  await ports.partners.register(partner);
  return partner;
}

/** The registered organisations, of one kind or both, by code. */
export async function listPartners(params: Record<string, string | undefined> | null, ports: PartnerPorts): Promise<{ partners: Partner[] }> {
  const parsed = partnersQuery.safeParse(Object.fromEntries(Object.entries(params ?? {}).filter(([, v]) => v !== undefined)));
  if (!parsed.success) {
    const problems = fieldProblems(parsed.error.issues, '(query)');
    throw invalidInput('InvalidQuery', bilingual('查询参数有误', `the query is invalid: ${problems.map((p) => p.field).join(', ')}`), problems);
  }
  const kinds = parsed.data.kind ? [parsed.data.kind] : PARTNER_KINDS;
  const lists = await Promise.all(kinds.map((k) => ports.partners.list(k)));
  return { partners: lists.flat() };
}
