import * as z from 'zod';
import { label } from '../domain/bilingual';
import { freeText } from '../privacy/free-text';
import { identityNumber } from './fields';

/** 信息查询: whom a department asks about, and why (the purpose is kept, keyed, in the audit trail). */
export const personQuery = z.object({ identityNumber, purpose: freeText({ min: 4, max: 200 }).meta(label('查询目的', 'Purpose')) }).strict();
export type PersonQuery = z.infer<typeof personQuery>;
