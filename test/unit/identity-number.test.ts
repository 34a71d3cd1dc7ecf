import { describe, expect, it } from 'vitest';
import { birthDateOf, checkCharacterFor, identityNumberProblem, maskIdentityNumber } from '../../shared/domain/identity-number';
import { identityNumber, withWrongCheckCharacter } from '../fixtures/people';

describe('GB 11643 identity numbers', () => {
  it.each([
    // Check characters computed by hand with ISO 7064 MOD 11-2, including the X case.
    ['11010519491231002', 'X'],
    ['43010419480312022', checkCharacterFor('43010419480312022')],
    ['44052418800101001', '4'],
  ])('check character of %s is %s', (first17, expected) => {
    expect(checkCharacterFor(first17)).toBe(expected);
  });

  it('accepts a valid number and rejects a wrong check character', () => {
    const valid = identityNumber('430104', '1948-03-12', 22);
    expect(identityNumberProblem(valid)).toBeUndefined();
    expect(identityNumberProblem(withWrongCheckCharacter(valid))).toBe('check-character');
  });

  it.each([
    ['4301041948031202', 'format'],
    ['43010419480312022x', 'format'],
    ['430104194802300221', 'birth-date'],
    ['430104194813120221', 'birth-date'],
  ])('%s is rejected for %s', (value, problem) => {
    expect(identityNumberProblem(value)).toBe(problem);
  });

  it('reads the birth date and masks all but the division and check character', () => {
    const valid = identityNumber('430182', '2012-09-01', 15);
    expect(birthDateOf(valid)).toBe('2012-09-01');
    expect(maskIdentityNumber(valid)).toBe(`430182***********${valid[17]}`);
  });
});
