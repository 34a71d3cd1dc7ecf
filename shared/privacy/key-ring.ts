/**
 * A versioned secret (密钥环): the version new values are made under, and every version still
 * held so that values made under an older one can still be recognised. The secret's text is
 * either one key (version 1: what a fresh deployment generates) or, once a key has been
 * rotated, JSON: `{"current": 2, "keys": {"1": "<old>", "2": "<new>"}}` (README, "Rotating the
 * person key").
 */
export interface KeyRing {
  readonly current: number;
  /** Every version held, the current one included. */
  readonly keys: ReadonlyMap<number, Buffer>;
}

/** Versions are small positive integers; they are written into every value made under them. */
export const MAX_KEY_VERSION = 999;
const MIN_KEY_BYTES = 32;

export class KeyRingError extends Error {
  override name = 'KeyRingError';
}

/** Reads a key ring from a secret's text; `where` names the secret in the error (never the key). */
export function parseKeyRing(text: string, where: string): KeyRing {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{')) return { current: 1, keys: new Map([[1, keyOf(trimmed, `${where} (version 1)`)]]) };
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch {
    throw new KeyRingError(`${where} starts with "{" but is not JSON`);
  }
  const { current, keys } = (parsed ?? {}) as { current?: unknown; keys?: unknown };
  if (!Number.isInteger(current) || (current as number) < 1 || (current as number) > MAX_KEY_VERSION) {
    throw new KeyRingError(`${where}: "current" must be a version between 1 and ${MAX_KEY_VERSION}`);
  }
  if (!keys || typeof keys !== 'object' || Array.isArray(keys)) throw new KeyRingError(`${where}: "keys" must map versions to keys`);
  const held = new Map<number, Buffer>();
  for (const [version, key] of Object.entries(keys)) {
    const v = Number(version);
    if (!/^[1-9][0-9]*$/.test(version) || v > MAX_KEY_VERSION)
      throw new KeyRingError(`${where}: key version "${version}" is not between 1 and ${MAX_KEY_VERSION}`);
    if (typeof key !== 'string') throw new KeyRingError(`${where}: key version ${v} must be a string`);
    held.set(v, keyOf(key, `${where} (version ${v})`));
  }
  if (!held.has(current as number)) throw new KeyRingError(`${where}: the current version ${String(current)} is not among the keys`);
  return { current: current as number, keys: held };
}

function keyOf(text: string, where: string): Buffer {
  const key = Buffer.from(text.trim(), 'utf8');
  if (key.length < MIN_KEY_BYTES) throw new KeyRingError(`the key in ${where} is shorter than ${MIN_KEY_BYTES} bytes`);
  return key;
}

/** The key of a version, or of the current one. */
export function keyAt(ring: KeyRing, version: number = ring.current): Buffer {
  const key = ring.keys.get(version);
  if (!key) throw new KeyRingError(`key version ${version} is not held`);
  return key;
}

/** The versions held other than the current one, newest first. */
export function formerVersions(ring: KeyRing): number[] {
  return [...ring.keys.keys()].filter((v) => v !== ring.current).sort((a, b) => b - a);
}

/** A ring of one key (tests, and a key file written before rings existed). */
export function singleKeyRing(key: Buffer): KeyRing {
  if (key.length < MIN_KEY_BYTES) throw new KeyRingError(`a key must be at least ${MIN_KEY_BYTES} bytes`);
  return { current: 1, keys: new Map([[1, key]]) };
}
