import { describe, expect, it } from 'vitest';
import { mayTake } from '../../shared/domain/emergency-case';

describe('the steps of an emergency case (急难救助)', () => {
  it('closes a case waiting for its documents, or flagged meanwhile (late documents still count)', () => {
    expect(mayTake('close', 'awaiting-documents')).toBe(true);
    expect(mayTake('close', 'flagged')).toBe(true);
  });

  it('never closes a closed case again', () => {
    expect(mayTake('close', 'confirmed')).toBe(false);
    expect(mayTake('close', 'refused')).toBe(false);
  });

  it('flags a case only while it waits: once flagged or closed, never again', () => {
    expect(mayTake('flag', 'awaiting-documents')).toBe(true);
    expect(mayTake('flag', 'flagged')).toBe(false);
    expect(mayTake('flag', 'confirmed')).toBe(false);
  });
});
