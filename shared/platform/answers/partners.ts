import * as z from 'zod';
import { DISTRICT_CODES } from '../../domain/districts';
import { PARTNER_KINDS } from '../../domain/partners';

/** 社会力量: a registered partner organisation (no personal data: an organisation’s code and name are public). */
export const partnerAnswer = z
  .object({
    kind: z.enum(PARTNER_KINDS),
    organisationCode: z.string().meta({ description: '统一社会信用代码 unified social credit code' }),
    name: z.string(),
    districts: z.array(z.enum(DISTRICT_CODES)),
    active: z.boolean(),
    registeredAt: z.iso.datetime({ offset: true }),
    registeredBy: z.string().meta({ description: '登记人 the civil-affairs officer (session) who registered it' }),
  })
  .meta({ title: '社会力量 Partner organisation' });

export const partnerList = z.object({ partners: z.array(partnerAnswer) }).meta({ title: '社会力量名录 Partner organisations' });
