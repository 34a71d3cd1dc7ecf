/**
 * One assistance chain per household (一户一条救助链): every fact about the household in time
 * order, with who did what, so nobody is missed and nobody is helped twice for the same thing.
 */
export const CHAIN_ENTRY_KINDS = [
  'roll-entry', // recognised and put on the roll
  'recognition-decision', // classified review of an investigation
  'department-record', // a department reported something about a member
  'warning-raised',
  'warning-pushed',
  'warning-acknowledged',
  'warning-evidence', // new evidence absorbed by an open warning
  'assistance-granted', // 幸福清单: assistance delivered
  'outcome', // a department answered a warning
  'assistance-ended',
  'assistance-adjusted',
  'gradual-exit', // 渐退: income above the standard, paid through the grace period
  'transferred', // exit with transfer: moved to a lower tier with the household's consent
  'moved-in', // relocation: the roll of the new district took the household over
  'moved-out',
  'emergency-assistance', // 急难救助: advance paid, documents confirmed or flagged
  'correction', // 容错纠错: an answer corrected; the original stays in the chain
  'assistance-restored', // an allowance ended by mistake, paid again from the day it ended
  'charity-delivered', // 慈善帮扶: a charity delivered what it offered for a matched need
  'care-assessed', // 服务类社会救助: a member's self-care ability assessed, and the service need it raised
  'service-ordered', // a care service bought from a contracted provider for the need
  'service-delivered', // 幸福清单: a day's service as the provider reported it
] as const;
export type ChainEntryKind = (typeof CHAIN_ENTRY_KINDS)[number];

export interface ChainEntry {
  householdId: string;
  at: string; // ISO timestamp
  entryId: string; // unique within the household, stable under replays
  kind: ChainEntryKind;
  actor: string; // department or platform function
  summary: string;
  refs: Record<string, string>;
}
