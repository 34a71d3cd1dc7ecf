import type { AcceptedRecord } from '../../events/records-accepted.v1';
import type { EvaluatedWarning, GroupEvaluation, RecordEvaluator, SubmissionProgress } from '../ports/submission-store';
import type { LandedEvidence } from './raise-warnings';

/** A record's index in its submission, from the platform's record id `<submissionId>:<index>`. */
export function indexOfRecord(recordId: string, submissionId: string): number | undefined {
  if (!recordId.startsWith(`${submissionId}:`)) return undefined;
  const index = Number(recordId.slice(submissionId.length + 1));
  return Number.isInteger(index) && index >= 0 ? index : undefined;
}

/**
 * What a function's evaluation of a group did for each of its records: the group's records, and
 * each warning that holds evidence naming one of them (raised now, raised before, or joined as
 * new evidence), attributed to those records. Evidence about records outside the group (another
 * warning, another submission's record) is left to whoever evaluated those.
 */
export function groupEvaluation(
  evaluator: RecordEvaluator,
  groupId: string,
  records: readonly AcceptedRecord[],
  landed: readonly LandedEvidence[],
): GroupEvaluation | undefined {
  const first = records[0];
  if (!first) return undefined;
  const indexes = new Map(
    records.flatMap((r) => {
      const index = indexOfRecord(r.recordId, r.submissionId);
      return index === undefined ? [] : [[r.recordId, index] as const];
    }),
  );
  const warnings = new Map<string, EvaluatedWarning>();
  for (const l of landed) {
    const named = l.recordIds.flatMap((id) => (indexes.has(id) ? [indexes.get(id)!] : []));
    if (!named.length) continue;
    const held = warnings.get(l.warningId);
    warnings.set(l.warningId, {
      warningId: l.warningId,
      indicatorId: l.indicatorId,
      recipients: [...new Set([...(held?.recipients ?? []), ...l.recipients])].sort(),
      indexes: [...new Set([...(held?.indexes ?? []), ...named])].sort((a, b) => a - b),
    });
  }
  return {
    submissionId: first.submissionId,
    groupId,
    evaluator,
    recordType: first.recordType,
    acceptedAt: first.acceptedAt,
    indexes: [...indexes.values()].sort((a, b) => a - b),
    warnings: [...warnings.values()].sort((a, b) => a.warningId.localeCompare(b.warningId)),
  };
}

/**
 * 报送进度: records, once per group, that `evaluator` has evaluated the group's records and which
 * warnings they raised. Called last, when the group's work is done: a group that fails before
 * is retried whole and records it then; one evaluated again writes nothing new.
 */
export async function recordGroupEvaluated(
  progress: SubmissionProgress,
  evaluator: RecordEvaluator,
  groupId: string,
  records: readonly AcceptedRecord[],
  landed: readonly LandedEvidence[],
): Promise<void> {
  const evaluation = groupEvaluation(evaluator, groupId, records, landed);
  if (evaluation) await progress.recordEvaluated(evaluation);
}
