import * as z from 'zod';
import { PERSON_REF_PATTERN } from '../shared/privacy/person-ref';
import { identifierProblem } from '../shared/privacy/free-text';

export const isoDateTime = z.iso.datetime({ offset: true });

export const personRef = z.string().regex(PERSON_REF_PATTERN, 'must be a person reference, never an identity number');

/**
 * A pseudonymized record: whatever a department sent, minus names, with identity numbers
 * replaced by person references. The refinement keeps a clear identity number or a name from
 * ever travelling on the bus, whichever producer forgets.
 */
export const pseudonymizedRecord = z.record(z.string(), z.unknown()).superRefine((record, ctx) => {
  const walk = (value: unknown, path: (string | number)[]): void => {
    if (Array.isArray(value)) {
      for (const [i, v] of value.entries()) walk(v, [...path, i]);
    } else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        if (k === 'identityNumber' || k === 'name') {
          ctx.addIssue({ code: 'custom', path: [...path, k], message: 'personal data must not travel in events' });
        } else walk(v, [...path, k]);
      }
    } else if (typeof value === 'string' && identifierProblem(value)) {
      // The same rule intake applies to identifiers, so what intake accepted always passes here.
      ctx.addIssue({ code: 'custom', path, message: 'looks like an identity or mobile number' });
    }
  };
  walk(record, []);
});
