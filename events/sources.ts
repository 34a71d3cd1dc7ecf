/** Event sources on the platform bus: one per producer, so a rule names who it listens to. */
export const EVENT_SOURCES = {
  intake: 'lim.intake', // submission-intake: department records accepted
  register: 'lim.register', // register-update: households entering or changing on the roll
  warnings: 'lim.warnings', // warning-evaluation: warnings raised
  feedback: 'lim.feedback', // feedback-intake: outcomes and assistance changes
  policy: 'lim.policy', // policy-admin and the what-if runner: what-if jobs to run or continue
  audit: 'lim.audit', // audit-seal: signed tree heads of the audit trail
} as const;
