import { KMSClient } from '@aws-sdk/client-kms';
import { FileAuditSigner, KmsAuditSigner } from '../adapters/kms/audit-signer';
import { config } from '../config';
import type { AuditSigner } from '../ports/audit-trail';
import { once } from './once';

/** The MAC of the audit trail's tree heads (need `auditSigning`): a KMS HMAC key on AWS, a key file locally. */
export const auditSigner = /* @__PURE__ */ once((): AuditSigner => {
  const { AUDIT_KEY_ID: keyId, AUDIT_KEY_FILE: file } = config();
  if (keyId) return new KmsAuditSigner(new KMSClient({}), keyId);
  if (file) return new FileAuditSigner(file);
  throw new Error('neither AUDIT_KEY_ID nor AUDIT_KEY_FILE is set');
});
