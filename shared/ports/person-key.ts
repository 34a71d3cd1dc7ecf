/** The secret behind person references. Held outside the code: a KMS-encrypted secret on AWS. */
export interface PersonKeySource {
  key(): Promise<Buffer>;
}
