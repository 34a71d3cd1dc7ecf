import { cityDay } from '../../shared/domain/city-time';
import { raiseWarnings, type DraftToRaise } from '../../shared/application/raise-warnings';
import { DISTRICT_CODES } from '../../shared/domain/districts';
import { overdueWarning } from '../../shared/domain/indicators/ind-15-overdue';
import type { PolicyBook } from '../../shared/domain/policy/policy-book';
import type { EventPublisher } from '../../shared/ports/event-publisher';
import type { WarningStore } from '../../shared/ports/warning-store';

export interface EscalationPorts {
  warnings: WarningStore;
  events: EventPublisher;
  policy: PolicyBook;
  now: () => Date;
}

/**
 * 数字监督: every open warning past its due date is escalated to supervision once (indicator 15),
 * from each district's open-warnings index, raised together. Runs on a schedule; running it twice
 * in a row raises nothing new.
 */
export async function escalateOverdue(ports: EscalationPorts, runId: string): Promise<{ overdue: number; escalated: string[] }> {
  const now = ports.now().toISOString();
  const drafts: DraftToRaise[] = [];
  let overdue = 0;
  const byDistrict = await Promise.all(DISTRICT_CODES.map(async (district) => ({ district, warnings: await ports.warnings.overdue(district, now) })));
  for (const { district, warnings } of byDistrict) {
    const parameters = ports.policy.valuesOn(overdueWarning.parameters, cityDay(now), district);
    for (const w of warnings) {
      const draft = overdueWarning.evaluate(w, now);
      if (!draft) continue;
      overdue += 1;
      drafts.push({ indicator: overdueWarning, parameters, draft });
    }
  }
  const { raised } = await raiseWarnings(drafts, ports, 'overdue-escalation', runId);
  return { overdue, escalated: raised.map((w) => w.warningId) };
}
