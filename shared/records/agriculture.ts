import * as z from 'zod';
import { label } from '../domain/bilingual';
import { districtCode, fen, isoDate, personRecord } from './fields';

/** Agriculture and rural affairs (农业农村): relapse-monitoring targets, retired fishermen, relocation. */

/** A relapse-monitoring target (防止返贫监测对象), recognised by agriculture. Indicator 9. */
export const relapseMonitoringTarget = personRecord('relapse-monitoring-target', {
  risk: z.enum(['illness', 'disability', 'education', 'disaster', 'accident', 'unemployment', 'income-drop', 'other']).meta(label('风险类型', 'Risk')),
  identifiedOn: isoDate.meta(label('识别纳入日期', 'Date identified')),
  status: z.enum(['monitoring', 'risk-eliminated']).meta(label('监测状态', 'Status')),
  district: districtCode,
});

/** A fisherman retired under the Yangtze fishing ban (长江禁捕退捕渔民). */
export const retiredFisher = personRecord('retired-fisher', {
  retiredOn: isoDate.meta(label('退捕日期', 'Date retired')),
  compensationFen: fen.meta(label('补偿金额（分）', 'Compensation (fen)')),
  district: districtCode,
});

/** A household relocated from an inhospitable area (易地扶贫搬迁), from one district to another. */
export const relocation = personRecord('relocation', {
  relocatedOn: isoDate.meta(label('搬迁日期', 'Date relocated')),
  fromDistrict: districtCode.meta(label('迁出区县', 'District moved from')),
  district: districtCode.meta(label('迁入区县', 'District moved to')),
});
