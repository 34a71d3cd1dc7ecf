import type { Category } from '../domain/categories';
import type { DistrictCode } from '../domain/districts';
import type { Investigation } from '../domain/recognition/classify';

/** A household's latest classified investigation: what it was decided on, and the decision. */
export interface Assessment {
  householdId: string;
  district: DistrictCode;
  recordId: string;
  investigation: Investigation;
  category: Category | null;
  policyVersion: number;
  decidedAt: string;
}

export interface AssessmentStore {
  /** Keeps each unless a later investigation of its household is already kept; true where kept. */
  save(assessments: readonly Assessment[]): Promise<boolean[]>;
  all(): Promise<Assessment[]>;
}
