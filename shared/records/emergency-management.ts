import * as z from 'zod';
import { label } from '../domain/bilingual';
import { districtCode, fen, isoDate, personRecord } from './fields';

/** Emergency management (应急管理): disaster relief. Indicator 8. */
export const disasterRelief = personRecord('disaster-relief', {
  disaster: z.enum(['flood', 'drought', 'earthquake', 'landslide', 'storm', 'snow-ice', 'fire', 'other']).meta(label('灾害类别', 'Kind of disaster')),
  occurredOn: isoDate.meta(label('受灾日期', 'Date of the disaster')),
  lossFen: fen.meta(label('损失金额（分）', 'Loss (fen)')),
  relief: z.enum(['emergency-living', 'transitional-living', 'none-yet']).meta(label('生活救助类别', 'Relief')),
  reliefFen: fen.meta(label('救助金额（分）', 'Relief amount (fen)')).optional(),
  district: districtCode,
});
