import * as z from 'zod';
import { districtCode, fen, isoDate, personRecord } from './fields';

/** Agriculture and rural affairs (农业农村): relapse-monitoring targets, retired fishermen, relocation. */

/** A relapse-monitoring target (防止返贫监测对象), recognised by agriculture. Indicator 9. */
export const relapseMonitoringTarget = personRecord('relapse-monitoring-target', {
  risk: z.enum(['illness', 'disability', 'education', 'disaster', 'accident', 'unemployment', 'income-drop', 'other']),
  identifiedOn: isoDate,
  status: z.enum(['monitoring', 'risk-eliminated']),
  district: districtCode,
});

/** A fisherman retired under the Yangtze fishing ban (长江禁捕退捕渔民). */
export const retiredFisher = personRecord('retired-fisher', {
  retiredOn: isoDate,
  compensationFen: fen,
  district: districtCode,
});

/** A household relocated from an inhospitable area (易地扶贫搬迁), from one district to another. */
export const relocation = personRecord('relocation', {
  relocatedOn: isoDate,
  fromDistrict: districtCode,
  district: districtCode,
});
