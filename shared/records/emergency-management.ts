import * as z from 'zod';
import { districtCode, fen, isoDate, personRecord } from './fields';

/** Emergency management (应急管理): disaster relief. Indicator 8. */
export const disasterRelief = personRecord('disaster-relief', {
  disaster: z.enum(['flood', 'drought', 'earthquake', 'landslide', 'storm', 'snow-ice', 'fire', 'other']),
  occurredOn: isoDate,
  lossFen: fen,
  relief: z.enum(['emergency-living', 'transitional-living', 'none-yet']),
  reliefFen: fen.optional(),
  district: districtCode,
});
