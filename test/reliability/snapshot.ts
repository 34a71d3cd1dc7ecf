import type { Pipeline } from './pipeline';

/** What the platform holds after a run, in a form two runs can be compared by. */
export function snapshotOf(p: Pipeline) {
  const accepted = [...p.submissions.headers.values()].flatMap((h) => Array.from({ length: h.recordCount }, (_, i) => `${h.submissionId}:${i}`)).sort();
  const warnings = Object.fromEntries(
    [...p.warnings.warnings.values()]
      .map(
        (w) =>
          [
            w.warningId,
            {
              indicator: w.indicator.id,
              householdId: w.householdId,
              status: w.status,
              recipients: [...w.recipients].sort(),
              pushedTo: [...w.pushedTo].sort(),
              evidence: w.evidence.map((e) => `${e.recordId}|${e.subject ?? ''}`).sort(),
            },
          ] as const,
      )
      .sort(([a], [b]) => a.localeCompare(b)),
  );
  const chainKeys = p.register.entries.map((e) => `${e.householdId}|${e.at}|${e.entryId}|${e.kind}`);
  const messageIds = p.queues.sent.map((m) => m.messageId);
  return {
    accepted,
    warnings,
    chain: [...new Set(chainKeys)].sort(),
    chainRawDuplicates: chainKeys.length - new Set(chainKeys).size,
    messages: [...new Set(messageIds)].sort(),
    messageRawDuplicates: messageIds.length - new Set(messageIds).size,
    facts: [...new Set(p.facts.facts.map((f) => `${f.personRef}|${f.recordId}`))].sort(),
    households: [...p.register.held.keys()].sort(),
    cases: [...p.cases.cases.keys()].sort(),
  };
}

export type Snapshot = ReturnType<typeof snapshotOf>;
