import { createHash } from 'node:crypto';

/**
 * The Merkle tree hash of RFC 6962 §2.1 (Certificate Transparency), with SHA-256: a leaf is
 * H(0x00 ‖ data) and an interior node H(0x01 ‖ left ‖ right), so a leaf can never pass for a node.
 * The tree over n leaves splits at the largest power of two below n, not at the midpoint.
 */
const sha256 = (...parts: Uint8Array[]) => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
};
const LEAF = Uint8Array.of(0x00);
const NODE = Uint8Array.of(0x01);

export function leafHash(data: Uint8Array): Buffer {
  return sha256(LEAF, data);
}

export function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  return sha256(NODE, left, right);
}

/** MTH(D[n]) over leaf hashes already computed; the empty tree is SHA-256 of nothing. */
export function merkleRoot(leaves: readonly Uint8Array[]): Buffer {
  if (leaves.length === 0) return sha256();
  const root = (start: number, end: number): Uint8Array => {
    if (end - start === 1) return leaves[start]!;
    let k = 1;
    while (k * 2 < end - start) k *= 2;
    return nodeHash(root(start, start + k), root(start + k, end));
  };
  return Buffer.from(root(0, leaves.length));
}

/** The same over hex-encoded leaf hashes, as the trail stores them. */
export function merkleRootHex(leafHashesHex: readonly string[]): string {
  return merkleRoot(leafHashesHex.map((h) => Buffer.from(h, 'hex'))).toString('hex');
}
