import { AUDIT_TREE_HEAD_SIGNED_V1, auditTreeHeadSignedV1 } from '../../events/audit-tree-head-signed.v1';
import { logKey, nextSealRange, nextTreeHead, treeHeadMessage, type SignedTreeHead } from '../../shared/domain/supervision/audit';
import type { AuditSigner, AuditTrail, AuditTreeHeads } from '../../shared/ports/audit-trail';
import type { EventPublisher } from '../../shared/ports/event-publisher';

export interface SealPorts {
  trail: AuditTrail;
  heads: AuditTreeHeads;
  signer: AuditSigner;
  events: EventPublisher;
  now: () => Date;
}

export interface SealOptions {
  /** Entries younger than this wait for the next run (AUDIT_SEAL_LAG_SECONDS). */
  lagSeconds: number;
  /** Leaves per head at most; a busier range is split at an entry. */
  maxLeaves?: number;
  /** Heads per run at most, so catching up after an outage stays inside the function's timeout. */
  maxHeads?: number;
}

/** The newest head is not one this key signed: sealing on top of it would vouch for a forgery. */
export class ForgedTreeHead extends Error {}

/**
 * 数字监督: seals what the trail holds up to `now - lag`. Each head takes the range after the last
 * one (never past the end of its day), the entries in it as the leaves of an RFC 6962 tree, links
 * to the head before it and gets a MAC from the audit key; then it is published on the bus as a
 * witness. A run that finds its head number taken (another run sealed first) stops.
 */
export async function sealAuditTrail(ports: SealPorts, options: SealOptions): Promise<{ sealed: SignedTreeHead[] }> {
  const { lagSeconds, maxLeaves = 10_000, maxHeads = 200 } = options;
  const now = ports.now();
  const until = new Date(now.getTime() - lagSeconds * 1000).toISOString();
  let tip = await ports.heads.latest();
  // HMAC is deterministic: the sealer checks the tip with the only operation it may use.
  if (tip && (await ports.signer.mac(treeHeadMessage(tip))) !== tip.mac) {
    throw new ForgedTreeHead(`最新树头签名无效，拒绝在其上封存 / tree head ${tip.number} does not carry this key's MAC: not sealing on top of it`);
  }
  const sealed: SignedTreeHead[] = [];
  while (sealed.length < maxHeads) {
    const range = nextSealRange(tip, until);
    if (!range) break;
    const found = await ports.trail.between(range.day, range.from, range.to, maxLeaves + 1);
    const to = found.length > maxLeaves ? logKey(found[maxLeaves]!) : range.to;
    const { head, leaves } = nextTreeHead(tip, { ...range, to }, found.slice(0, maxLeaves), now.toISOString());
    const signed: SignedTreeHead = { ...head, mac: await ports.signer.mac(treeHeadMessage(head)) };
    if (!(await ports.heads.put(signed, leaves))) break;
    await ports.events.publish([{ ...AUDIT_TREE_HEAD_SIGNED_V1, detail: auditTreeHeadSignedV1.parse(signed) }]);
    sealed.push(signed);
    tip = signed;
  }
  return { sealed };
}
