import { z } from 'zod';
import { departmentRecordId, districtCode, identityNumber, isoDate, personName } from './fields';

/** A death registered by the health department (死亡医学证明). Indicator 1 reads it. */
export const deathRecord = z
  .object({
    type: z.literal('death-record'),
    recordId: departmentRecordId,
    identityNumber,
    name: personName,
    dateOfDeath: isoDate,
    certificateNumber: z.string().regex(/^[A-Z0-9]{6,20}$/, 'must be 6-20 upper-case letters or digits'),
    // Where the death was registered.
    district: districtCode,
  })
  .strict();
export type DeathRecord = z.infer<typeof deathRecord>;
