import { beforeAll, describe, expect, it } from 'vitest';
import type { Household } from '../../shared/domain/household';
import type { PaymentFileClose, PaymentLine } from '../../shared/domain/payments';
import type { HouseholdRegister } from '../../shared/ports/household-register';
import type { FiledLine, PaymentFiles } from '../../shared/ports/payment-files';

/**
 * What the payment files and the register's payroll promise (四.3), whoever keeps them: run
 * against the in-memory fakes (payment-files.test.ts) and the DynamoDB adapters on DynamoDB Local
 * (test/integration/payment-files.test.ts). The file is larger than one BatchWriteItem (25), one
 * BatchGetItem (100) and one transaction (100), so the adapter's batching is exercised too.
 * The tests build on each other, in order.
 */
export interface PaymentPortsUnderTest {
  payments: PaymentFiles;
  register: HouseholdRegister;
}

const ref = (n: number) => `p1_${n.toString(16).padStart(43, '0')}`;
const householdOf = (n: number) => `430111-2025-${String(n).padStart(6, '0')}`;
const file = { programme: 'dibao-allowance', month: '2026-11', district: '430111' } as const;
const PAYEES = 120;
const line = (n: number, over: Partial<PaymentLine> = {}): PaymentLine => ({
  recordId: `SPAY1:${n}`,
  personRef: ref(n),
  maskedIdentityNumber: `430111***********${n % 10}`,
  householdId: householdOf(n),
  ...file,
  amountFen: 75_000,
  paidOn: '2026-11-10',
  ...over,
});
const filed = (l: PaymentLine, n: number): FiledLine => ({ line: l, lineId: `MZ-FF-2026-11-${String(n).padStart(6, '0')}` });
const close: PaymentFileClose = { recordId: 'SPAY2:0', ...file, lineCount: PAYEES + 1, totalFen: (PAYEES + 1) * 75_000 };

export function paymentFilesContract(make: () => PaymentPortsUnderTest | Promise<PaymentPortsUnderTest>) {
  let ports: PaymentPortsUnderTest;
  beforeAll(async () => {
    ports = await make();
  });

  describe('PaymentFiles', () => {
    it('keeps a group of lines under their file and their payees’ months, the same payee under two households too', async () => {
      const lines = Array.from({ length: PAYEES }, (_, n) => filed(line(n), n));
      // Payee 7 paid again under household 8, and in Furong district's file of the month too.
      lines.push(filed(line(7, { recordId: `SPAY1:${PAYEES}`, householdId: householdOf(8) }), PAYEES));
      lines.push(filed(line(7, { recordId: 'SPAY9:0', householdId: '430102-2025-000007', district: '430102' }), 900));
      await ports.payments.addLines(lines);

      const held = await ports.payments.linesOf(file);
      expect(held).toHaveLength(PAYEES + 1);
      expect(held.find((l) => l.recordId === 'SPAY1:3')).toEqual(line(3));
      expect(await ports.payments.linesOf({ ...file, district: '430102' })).toHaveLength(1);
      expect(await ports.payments.linesOf({ ...file, month: '2026-10' })).toEqual([]);

      const payees = Array.from({ length: PAYEES }, (_, n) => ({ personRef: ref(n), month: '2026-11' }));
      const byPayee = await ports.payments.linesOfPayees(payees);
      expect(byPayee).toHaveLength(PAYEES + 2);
      const seventh = byPayee.filter((l) => l.personRef === ref(7)).map((l) => [l.householdId, l.district, l.amountFen]);
      expect(seventh.sort()).toEqual([
        ['430102-2025-000007', '430102', 75_000],
        [householdOf(7), '430111', 75_000],
        [householdOf(8), '430111', 75_000],
      ]);
      expect(await ports.payments.linesOfPayees([{ personRef: ref(7), month: '2026-10' }])).toEqual([]);
    });

    it('keeps a line posted again (the same line id) once, as last posted', async () => {
      await ports.payments.addLines([filed(line(3, { recordId: 'SPAY3:3', amountFen: 70_000 }), 3)]);
      const held = await ports.payments.linesOf(file);
      expect(held).toHaveLength(PAYEES + 1);
      expect(held.filter((l) => l.personRef === ref(3))).toEqual([line(3, { recordId: 'SPAY3:3', amountFen: 70_000 })]);
      const again = await ports.payments.linesOfPayees([{ personRef: ref(3), month: '2026-11' }]);
      expect(again.map((l) => [l.recordId, l.amountFen])).toEqual([['SPAY3:3', 70_000]]);
    });

    it('tells a closed file from one not closed, and keeps a close posted again once', async () => {
      expect((await ports.payments.closesOf([file])).size).toBe(0);
      await ports.payments.close([close]);
      await ports.payments.close([close]);
      const closes = await ports.payments.closesOf([file, { ...file, district: '430102' }]);
      expect([...closes.values()]).toEqual([close]);
      expect([...closes.keys()]).toEqual(['dibao-allowance#2026-11#430111']);
    });
  });

  describe('HouseholdRegister.allowancesIn (发放名册)', () => {
    const household = (householdId: string, district: Household['district'], allowances: Household['allowances']): Household => ({
      householdId,
      district,
      category: 'DIBAO',
      recognisedOn: '2025-12-15',
      members: [{ personRef: ref(1000 + Number(householdId.slice(-3))), maskedIdentityNumber: `${district}***********1`, relationship: 'head' }],
      allowances,
      updatedAt: '2026-01-02T00:00:00.000Z',
    });
    const dibao = { programme: 'dibao-allowance', monthlyAmountFen: 80_000, startDate: '2026-01-01', status: 'active' } as const;
    const tekun = { programme: 'tekun-support', monthlyAmountFen: 98_000, startDate: '2026-01-01', status: 'active' } as const;

    it('lists the district’s allowances of one programme, paid or ended, and no other district’s or programme’s', async () => {
      const households = [
        household('430111-2025-000501', '430111', [dibao]),
        household('430111-2025-000502', '430111', [{ ...dibao, status: 'ended', endedOn: '2026-06-01' }]),
        household('430111-2025-000503', '430111', [tekun]),
        household('430102-2025-000504', '430102', [dibao]),
      ];
      await ports.register.putOnRoll(
        households.map((h) => ({
          household: h,
          entry: {
            householdId: h.householdId,
            at: h.updatedAt,
            entryId: `SROLL:${h.householdId}`,
            kind: 'roll-entry',
            actor: 'civil-affairs',
            summary: 'recognised as DIBAO',
            refs: {},
          },
        })),
      );
      const payroll = await ports.register.allowancesIn('430111', 'dibao-allowance');
      expect(payroll.map((p) => [p.householdId, p.allowance.status, p.allowance.endedOn]).sort()).toEqual([
        ['430111-2025-000501', 'active', undefined],
        ['430111-2025-000502', 'ended', '2026-06-01'],
      ]);
      expect((await ports.register.allowancesIn('430111', 'tekun-support')).map((p) => p.householdId)).toEqual(['430111-2025-000503']);
      expect(await ports.register.allowancesIn('430105', 'dibao-allowance')).toEqual([]);
    });
  });
}
