import { createHmac, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { GenerateMacCommand, KMSInvalidMacException, VerifyMacCommand, type KMSClient } from '@aws-sdk/client-kms';
import type { AuditSigner } from '../../ports/audit-trail';

const MAC_ALGORITHM = 'HMAC_SHA_256' as const;

/**
 * On AWS: an HMAC_256 KMS key (GENERATE_VERIFY_MAC) whose key policy lets audit-seal's role
 * GenerateMac and the reader's role VerifyMac, and nobody either. The key never leaves KMS.
 */
export class KmsAuditSigner implements AuditSigner {
  constructor(
    private readonly kms: KMSClient,
    private readonly keyId: string,
  ) {}

  async mac(message: string): Promise<string> {
    const out = await this.kms.send(new GenerateMacCommand({ KeyId: this.keyId, Message: Buffer.from(message, 'utf8'), MacAlgorithm: MAC_ALGORITHM }));
    if (!out.Mac) throw new Error('KMS GenerateMac returned no MAC');
    return Buffer.from(out.Mac).toString('base64');
  }

  async verify(message: string, mac: string): Promise<boolean> {
    try {
      const out = await this.kms.send(
        new VerifyMacCommand({ KeyId: this.keyId, Message: Buffer.from(message, 'utf8'), Mac: Buffer.from(mac, 'base64'), MacAlgorithm: MAC_ALGORITHM }),
      );
      return out.MacValid === true;
    } catch (error) {
      // KMS answers a MAC that does not verify with this exception, not with MacValid: false.
      if (error instanceof KMSInvalidMacException) return false;
      throw error;
    }
  }
}

/** On the local platform: the same HMAC-SHA256 under a key file generated at first start (mode 0600). */
export class FileAuditSigner implements AuditSigner {
  private cached: Buffer | undefined;
  constructor(private readonly path: string) {}

  private key(): Buffer {
    if (!this.cached) {
      const key = Buffer.from(readFileSync(this.path, 'utf8').trim(), 'hex');
      if (key.length < 32) throw new Error(`the audit key in ${this.path} is shorter than 32 bytes`);
      this.cached = key;
    }
    return this.cached;
  }

  async mac(message: string): Promise<string> {
    return createHmac('sha256', this.key()).update(message, 'utf8').digest('base64');
  }

  async verify(message: string, mac: string): Promise<boolean> {
    const expected = Buffer.from(await this.mac(message), 'base64');
    const given = Buffer.from(mac, 'base64');
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}
