import { describe, expect, it } from 'vitest';
import { leafHash, merkleRoot, merkleRootHex, nodeHash } from '../../shared/domain/supervision/merkle';

// The RFC 6962 reference inputs and tree heads as Certificate Transparency publishes them
// (transparency-dev/merkle testonly): the roots of the first n of these leaves, n = 0..8.
const INPUTS = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map((h) => Buffer.from(h, 'hex'));
const ROOTS = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];

describe('RFC 6962 Merkle tree hash', () => {
  const leaves = INPUTS.map(leafHash);

  it.each(ROOTS.map((root, n) => [n, root] as const))('the tree of the first %i reference leaves has the published root', (n, root) => {
    expect(merkleRoot(leaves.slice(0, n)).toString('hex')).toBe(root);
    expect(merkleRootHex(leaves.slice(0, n).map((l) => l.toString('hex')))).toBe(root);
  });

  it('splits at the largest power of two below n, not at the midpoint', () => {
    const [a, b, c, d, e] = leaves as [Buffer, Buffer, Buffer, Buffer, Buffer];
    // Five leaves: the left subtree takes four.
    expect(merkleRoot([a, b, c, d, e])).toEqual(nodeHash(nodeHash(nodeHash(a, b), nodeHash(c, d)), e));
    expect(merkleRoot([a, b, c, d, e])).not.toEqual(nodeHash(nodeHash(nodeHash(a, b), c), nodeHash(d, e)));
  });

  it('keeps leaves and nodes apart: an interior node is no leaf of the tree above it', () => {
    const [a, b] = leaves as [Buffer, Buffer];
    const node = nodeHash(a, b);
    expect(leafHash(Buffer.concat([a, b]))).not.toEqual(node);
    // A one-leaf tree whose data is the two children does not pass for the two-leaf tree.
    expect(merkleRoot([leafHash(Buffer.concat([a, b]))])).not.toEqual(merkleRoot([a, b]));
  });

  it('changes with any leaf, and with their order', () => {
    const root = merkleRoot(leaves);
    for (let i = 0; i < leaves.length; i += 1) {
      const changed = [...leaves];
      changed[i] = leafHash(Buffer.from(`changed ${i}`));
      expect(merkleRoot(changed)).not.toEqual(root);
    }
    expect(merkleRoot([...leaves].reverse())).not.toEqual(root);
  });
});
