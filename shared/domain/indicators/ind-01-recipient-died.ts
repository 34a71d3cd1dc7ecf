import * as z from 'zod';
import type { DistrictCode } from '../districts';
import { defineIndicator } from './indicator';
import { slotOf } from '../../records/fact-slots';
import { evidence, factsOf, factsOfType } from './support';

const rollFacts = z.object({ householdId: z.string(), district: z.string(), members: z.array(z.object({ personRef: z.string() })) });

const deathFacts = z.object({
  personRef: z.string(),
  maskedIdentityNumber: z.string(),
  dateOfDeath: z.string(),
  certificateNumber: z.string(),
  district: z.string(),
});

/**
 * Indicator 1: a monitored person dies (health) → end or adjust assistance (civil affairs).
 * Audits found allowances paid for months after a death; this closes that gap in seconds.
 */
export const recipientDied = defineIndicator({
  id: 'IND-01',
  version: 1,
  title: 'recipient died: end or adjust assistance',
  titleZh: '救助对象死亡',
  reads: ['death-record', 'low-income-roll-entry'],
  recipients: ['civil-affairs'],
  deadlineDays: 10, // stop payments to the dead quickly
  // A death can reach the platform before the roll entry that puts the person on the roll.
  retainsFor: ['death-record'],
  factsRead({ observed }) {
    if (observed.recordType !== 'low-income-roll-entry') return [];
    return factsOf(rollFacts, observed).members.map(({ personRef }) => ({ personRef, recordType: 'death-record', slot: slotOf('death-record', {}) }));
  },
  evaluate({ observed, memberships, facts: known }) {
    if (observed.recordType === 'low-income-roll-entry') {
      const roll = factsOf(rollFacts, observed);
      return roll.members.flatMap(({ personRef }) => {
        const death = factsOfType(known.get(personRef), 'death-record')[0];
        if (!death) return [];
        const d = deathFacts.parse(death.record);
        return [
          {
            householdId: roll.householdId,
            district: roll.district as DistrictCode,
            subjects: [personRef],
            dedupeKey: personRef,
            action: 'do not pay: the member was already registered dead',
            explanation: `Civil affairs put on the roll a member whose death health registered on ${d.dateOfDeath} (certificate ${d.certificateNumber}).`,
            evidence: [evidence(observed, personRef, { dateOfDeath: d.dateOfDeath, certificateNumber: d.certificateNumber, deathRecordId: death.recordId })],
          },
        ];
      });
    }
    const facts = deathFacts.parse(observed.record);
    const member = memberships.get(facts.personRef);
    // Not in the low-income database: nothing to end. Already known dead: nothing new.
    if (!member || member.deceasedOn) return [];
    const paid = member.activeProgrammes.length > 0;
    return [
      {
        householdId: member.householdId,
        district: member.district,
        subjects: [facts.personRef],
        dedupeKey: facts.personRef,
        action: paid ? 'end or adjust the household allowance' : 'update the household record',
        explanation:
          `Health registered the death of a ${member.category} household member on ${facts.dateOfDeath} ` +
          `(certificate ${facts.certificateNumber}). ` +
          (paid
            ? `The household is paid ${member.activeProgrammes.join(', ')}: end it or recompute it for the remaining members.`
            : 'Update the household composition.'),
        evidence: [
          {
            recordId: observed.recordId,
            recordType: observed.recordType,
            department: observed.department,
            subject: facts.personRef,
            facts: {
              dateOfDeath: facts.dateOfDeath,
              certificateNumber: facts.certificateNumber,
              registeredIn: facts.district,
              maskedIdentityNumber: facts.maskedIdentityNumber,
            },
          },
        ],
      },
    ];
  },
});
