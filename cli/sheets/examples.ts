import { checkCharacterFor } from '../../shared/domain/identity-number';
import type { RecordInput, RecordType } from '../../client/records';

/**
 * The example row of each record type's template (示例行): a realistic record that passes the
 * platform's schema and plausibility checks, typed by the schema so it cannot drift from it. A
 * row equal to its type's example is taken as the example, not as data, when a file is read.
 */
function identityNumber(district: string, birth: string, sequence: number): string {
  const first17 = `${district}${birth}${String(sequence).padStart(3, '0')}`;
  return `${first17}${checkCharacterFor(first17)}`;
}

const widow = { identityNumber: identityNumber('430104', '19480312', 22), name: '李桂英' };
const grandson = { identityNumber: identityNumber('430104', '20120901', 15), name: '李明' };
const worker = { identityNumber: identityNumber('430105', '19790622', 31), name: '王建国' };
const pupil = { identityNumber: identityNumber('430103', '20150304', 48), name: '张小红' };

export const EXAMPLE_RECORDS: { [T in RecordType]: RecordInput<T> } = {
  'low-income-roll-entry': {
    type: 'low-income-roll-entry',
    recordId: 'MZ-2025-000317',
    householdId: '430104-2025-000317',
    district: '430104',
    category: 'DIBAO',
    recognisedOn: '2025-12-15',
    area: 'urban',
    monthlyIncomeFen: 80_000,
    allowance: { programme: 'dibao-allowance', monthlyAmountFen: 150_000, startDate: '2026-01-01' },
    members: [
      { ...widow, relationship: 'head' },
      { ...grandson, relationship: 'grandchild' },
    ],
  },
  'child-welfare-registration': { type: 'child-welfare-registration', recordId: 'MZ-ET-2026-0042', ...grandson, kind: 'de-facto-unsupported', monthlyAllowanceFen: 155_000, since: '2026-01-01', district: '430104' },
  'disability-subsidy-grant': { type: 'disability-subsidy-grant', recordId: 'MZ-BT-2026-0107', ...widow, subsidy: 'care-subsidy', monthlyAmountFen: 10_000, startDate: '2026-01-01', district: '430104' },
  'visit-report': {
    type: 'visit-report',
    recordId: 'MZ-ZF-2026-1118',
    householdId: '430104-2025-000317',
    district: '430104',
    visitedOn: '2026-11-18',
    visitedBy: 'YL-SQ-0021',
    changes: [{ kind: 'illness', identityNumber: widow.identityNumber, description: '户主住院，孙子无人照看 / head of household in hospital, grandson without care' }],
    needs: ['medical', 'care'],
  },
  'emergency-assistance': {
    type: 'emergency-assistance',
    recordId: 'MZ-JN-2026-0501',
    ...worker,
    caseId: 'JN-430105-2026-00501',
    stage: 'advance-paid',
    district: '430105',
    emergency: 'fire',
    occurredOn: '2026-11-20',
    amountFen: 80_000,
    on: '2026-11-21',
    handledBy: 'KF-JN-017',
  },
  'economic-investigation': {
    type: 'economic-investigation',
    recordId: 'MZ-DC-2026-0317',
    householdId: '430104-2025-000317',
    district: '430104',
    investigatedOn: '2026-11-15',
    period: { from: '2026-05-01', to: '2026-10-31' },
    members: [
      { ...widow, relationship: 'head', capacityToWork: 'none', incomes: [{ source: 'pension', monthlyFen: 21_500 }] },
      { ...grandson, relationship: 'grandchild', capacityToWork: 'none', incomes: [] },
    ],
    assets: [{ kind: 'deposit', valueFen: 800_000 }],
    necessarySpending: [{ kind: 'medical', amountFen: 150_000, on: '2026-07-14' }],
    legalSupporters: [{ ableToSupport: false }],
  },
  'education-assistance-grant': { type: 'education-assistance-grant', recordId: 'JY-ZZ-2026-0088', ...pupil, programme: 'living-subsidy', amountFen: 100_000, schoolYear: '2026-2027', schoolCode: '2143010302', stage: 'primary', district: '430103' },
  'student-enrolment': { type: 'student-enrolment', recordId: 'JY-XJ-2026-0088', ...pupil, schoolYear: '2026-2027', schoolCode: '2143010302', stage: 'primary', district: '430103' },
  'work-injury-claim': { type: 'work-injury-claim', recordId: 'RS-GS-2026-0614', ...worker, injuredOn: '2026-06-14', disabilityGrade: 7, monthlyBenefitFen: 180_000, district: '430105' },
  'unemployment-registration': { type: 'unemployment-registration', recordId: 'RS-SY-2026-1102', ...worker, registeredOn: '2026-11-02', monthlyBenefitFen: 150_000, district: '430105' },
  'employment-registration': { type: 'employment-registration', recordId: 'RS-JY-2026-0901', ...worker, employedOn: '2026-09-01', employerCode: '91430100MA4L16QX3B', monthlyWageFen: 320_000, district: '430105' },
  'pension-record': { type: 'pension-record', recordId: 'RS-YL-2026-10-0022', ...widow, scheme: 'urban-rural-resident', kind: 'benefit', month: '2026-10', amountFen: 21_500, district: '430104' },
  'housing-assistance': { type: 'housing-assistance', recordId: 'ZJ-ZF-2026-0701', ...widow, assistance: 'rent-subsidy', amountFen: 60_000, startDate: '2026-07-01', district: '430104' },
  'housing-condition': { type: 'housing-condition', recordId: 'ZJ-JD-2026-1020', ...worker, area: 'rural', surveyedOn: '2026-10-20', dangerousHouseGrade: 'C', onlyHome: true, district: '430105' },
  'relapse-monitoring-target': { type: 'relapse-monitoring-target', recordId: 'NY-FP-2026-0801', ...worker, risk: 'disaster', identifiedOn: '2026-08-01', status: 'monitoring', district: '430105' },
  'retired-fisher': { type: 'retired-fisher', recordId: 'NY-YM-2021-0031', ...worker, retiredOn: '2021-01-01', compensationFen: 8_000_000, district: '430105' },
  relocation: { type: 'relocation', recordId: 'NY-BQ-2026-0501', ...worker, relocatedOn: '2026-05-01', fromDistrict: '430181', district: '430105' },
  'death-record': { type: 'death-record', recordId: 'WJ-SW-2026-104233', ...widow, dateOfDeath: '2026-11-20', certificateNumber: 'H430104260001', district: '430104' },
  'medical-spending': { type: 'medical-spending', recordId: 'WJ-FY-2026-Q3-0022', ...widow, periodStart: '2026-07-01', periodEnd: '2026-09-30', totalCostFen: 4_200_000, outOfPocketFen: 900_000, district: '430104' },
  'emergency-fund-case': { type: 'emergency-fund-case', recordId: 'WJ-YJ-2026-1011', ...worker, openedOn: '2026-10-11', hospitalCode: 'H43010400017', amountFen: 1_500_000, district: '430105' },
  'serious-illness-diagnosis': { type: 'serious-illness-diagnosis', recordId: 'WJ-ZD-2026-1002', ...widow, diagnosedOn: '2026-10-02', icd10: 'I63.9', hospitalCode: 'H43010400017', district: '430104' },
  'population-register-change': { type: 'population-register-change', recordId: 'WJ-RK-2026-0915', ...worker, change: 'move-in', on: '2026-09-15', district: '430105' },
  'disaster-relief': { type: 'disaster-relief', recordId: 'YJ-ZH-2026-0605', ...worker, disaster: 'storm', occurredOn: '2026-06-05', lossFen: 1_200_000, relief: 'transitional-living', reliefFen: 300_000, district: '430105' },
  'medical-assistance-payment': { type: 'medical-assistance-payment', recordId: 'YB-JZ-2026-1030', ...widow, kind: 'inpatient', paidOn: '2026-10-30', amountFen: 640_000, district: '430104' },
  'insurance-reimbursement': { type: 'insurance-reimbursement', recordId: 'YB-BX-2026-H1-0022', ...widow, periodStart: '2026-01-01', periodEnd: '2026-06-30', totalCostFen: 3_000_000, reimbursedFen: 2_100_000, outOfPocketFen: 900_000, district: '430104' },
  'premium-subsidy': { type: 'premium-subsidy', recordId: 'YB-ZZ-2026-0022', ...widow, year: 2026, subsidyFen: 40_000, district: '430104' },
  'disability-certificate': { type: 'disability-certificate', recordId: 'CL-CJ-2025-1220', ...widow, kind: 'visual', grade: 2, issuedOn: '2025-12-20', validUntil: '2030-12-19', district: '430104' },
  'legal-aid-case': { type: 'legal-aid-case', recordId: 'SF-FY-2026-1105', ...worker, caseNumber: 'XFY-2026-0042', acceptedOn: '2026-11-05', matter: 'labour', district: '430105' },
};
