import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import whatIfRequestedSample from '../../events/samples/WhatIfRequested.v1.json';
import { whatIfRequested, whatIfRequestedV1, type WhatIfRequestedV1 } from '../../events/what-if-requested.v1';
import { changeParameters, readWhatIf, requestWhatIf, type Caller, type WhatIfPorts } from '../../functions/policy-admin/use-case';
import { runWhatIfJob, WHAT_IF_LANES, type RunnerPorts } from '../../functions/what-if-runner/use-case';
import { DISTRICT_CODES } from '../../shared/domain/districts';
import { CITY_PARAMETERS } from '../../shared/domain/policy/city-parameters';
import { PolicyBook } from '../../shared/domain/policy/policy-book';
import { applyPolicyChange } from '../../shared/domain/policy/policy-change';
import { emptyTally, mergeTallies, tallyOf, whatIf, whatIfMeasure, type AssessedHousehold, type WhatIfTally } from '../../shared/domain/policy/what-if';
import { WHAT_IF_JOB_ID, WHAT_IF_JOB_RULES } from '../../shared/domain/policy/what-if-job';
import { RECOGNITION_PARAMETERS } from '../../shared/domain/recognition/classify';
import { rejection } from './rejection';
import { bodyFor, throughEdge } from './through-edge';
import { assessedHouseholds } from '../fixtures/assessments';
import { MemoryAssessments, MemoryPolicyStore, MemoryPublisher, MemoryWhatIfJobs } from '../fakes';

const admin: Caller = { department: 'civil-affairs', principal: 'arn:aws-cn:sts::123456789012:assumed-role/lim-civil-affairs/wang.li' };
const supervisor: Caller = { department: 'supervision', principal: 'arn:aws-cn:sts::123456789012:assumed-role/lim-supervision/zhao.min' };
const health: Caller = { department: 'health', principal: 'arn:aws-cn:sts::123456789012:assumed-role/lim-health/chen.jie' };
const UNKNOWN_JOB = '0a1b2c3d-0a1b2c3d-0a1b2c3d-0a1b2c3d';
const standard2027 = (value: number) => ({
  name: 'dibao.standardMonthlyFen',
  value,
  district: '*' as const,
  effectiveFrom: '2027-01-01',
  effectiveTo: '2027-12-31',
  source: '长沙市民政局 关于提高2027年城乡低保标准的通知',
});

const city = assessedHouseholds(12_000);
const current = new PolicyBook(CITY_PARAMETERS);
const higher = new PolicyBook(applyPolicyChange(CITY_PARAMETERS, [standard2027(95_000)]).next, 0);
const measure = whatIfMeasure(current, higher, '2027-03-01');
const perCapita = (h: AssessedHousehold) => Math.floor(h.investigation.members.reduce((a, m) => a + m.monthlyIncomeFen, 0) / h.investigation.members.length);
const assetsOk = (h: AssessedHousehold) => Math.floor(h.investigation.assetsFen / h.investigation.members.length) <= 3_000_000;
const members = (hs: AssessedHousehold[]) => hs.reduce((a, h) => a + h.investigation.members.length, 0);

describe('what-if (测算) over a generated database', () => {
  it('counts, per district, the households whose category a higher standard changes, and the warnings it raises, exactly as re-classifying each would', () => {
    const report = whatIf(city, current, higher, '2027-03-01', ['dibao.standardMonthlyFen'], RECOGNITION_PARAMETERS);
    expect(report.households).toBe(12_000);
    // An independent count: with assets in limit, per-capita income in [90,000, 95,000) moves
    // from the edge up to dibao, and in [135,000, 142,500) (1.5 × moves too) from none or rigid
    // up to the edge. Tekun needs no income at all, so it is untouched; nothing moves down.
    const toDibao = city.filter((h) => assetsOk(h) && perCapita(h) >= 90_000 && perCapita(h) < 95_000);
    const toEdge = city.filter((h) => assetsOk(h) && perCapita(h) >= 135_000 && perCapita(h) < 142_500);
    expect(toDibao.length).toBeGreaterThan(100);
    expect(report.categoryChanges).toBe(toDibao.length + toEdge.length);
    expect(Object.values(report.byDistrict).reduce((a, d) => a + d.categoryChanges, 0)).toBe(report.categoryChanges);
    expect(Object.keys(report.byDistrict).sort()).toEqual([...DISTRICT_CODES].sort());
    expect(Object.values(report.byDistrict).reduce((a, d) => a + (d.transitions['DIBAO_EDGE→DIBAO'] ?? 0), 0)).toBe(toDibao.length);
    // Every one of these changes the premium-subsidy rate (0.5 → 1, 0 → 0.5): one IND-10 per
    // member. Nobody leaves dibao, so no IND-16.
    expect(report.warnings.byIndicator).toEqual({ 'IND-10': members(toDibao) + members(toEdge) });
    expect(report.unclassified).toBe(0);
    expect(report.notEstimated).toEqual([]);
  });

  it('a lower standard makes households leave dibao (IND-16), and a lower edge subsidy rate changes only premium warnings', () => {
    const lower = whatIf(
      city,
      current,
      new PolicyBook(applyPolicyChange(CITY_PARAMETERS, [standard2027(85_000)]).next, 1),
      '2027-03-01',
      ['dibao.standardMonthlyFen'],
      RECOGNITION_PARAMETERS,
    );
    expect(lower.warnings.byIndicator['IND-16']).toBe(
      lower.categoriesNow.DIBAO - lower.categoriesProposed.DIBAO + (lower.categoriesNow.TEKUN - lower.categoriesProposed.TEKUN),
    );
    expect(lower.warnings.byIndicator['IND-16']).toBeGreaterThan(0);
    const rate = whatIf(
      city,
      current,
      new PolicyBook(
        applyPolicyChange(CITY_PARAMETERS, [
          {
            name: 'premium.subsidyRate.DIBAO_EDGE',
            value: 0.6,
            district: '*',
            effectiveFrom: '2027-01-01',
            effectiveTo: '2030-11-30',
            source: 'provincial notice',
          },
        ]).next,
        1,
      ),
      '2027-03-01',
      ['premium.subsidyRate.DIBAO_EDGE'],
      RECOGNITION_PARAMETERS,
    );
    expect(rate.categoryChanges).toBe(0);
    const edge = city.filter((h) => assetsOk(h) && perCapita(h) >= 90_000 && perCapita(h) < 135_000);
    expect(rate.warnings.byIndicator).toEqual({ 'IND-10': members(edge) });
  });

  it('lists the parameters only record-driven indicators read as not estimated', () => {
    const report = whatIf(
      city.slice(0, 10),
      current,
      current,
      '2027-03-01',
      ['IND-02.shareOfIncome', 'premium.subsidyRate.DIBAO', 'dibao.standardMonthlyFen'],
      RECOGNITION_PARAMETERS,
    );
    expect(report.notEstimated).toEqual(['IND-02.shareOfIncome']);
  });
});

describe('the what-if tally: a pure, mergeable accumulator', () => {
  const sample = city.slice(0, 3_000);
  const onePass = tallyOf(sample, measure);

  it('merging the tallies of any split of the households, in any grouping, equals one pass', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: sample.length - 1 }), { maxLength: 12 }), fc.boolean(), (cuts, fromTheRight) => {
        const bounds = [0, ...cuts.sort((a, b) => a - b), sample.length];
        const parts = bounds.slice(1).map((end, i) => tallyOf(sample.slice(bounds[i], end), measure));
        const merged = fromTheRight
          ? parts.reduceRight((acc, t) => mergeTallies(t, acc), emptyTally())
          : parts.reduce((acc, t) => mergeTallies(acc, t), emptyTally());
        expect(merged).toEqual(onePass);
      }),
      { numRuns: 25 },
    );
  });

  it('merges into a new tally, leaving the tallies it was given as they were', () => {
    const first = tallyOf(sample.slice(0, 100), measure);
    const frozen = structuredClone(first);
    const merged = mergeTallies(first, tallyOf(sample.slice(100, 300), measure));
    expect(first).toEqual(frozen);
    expect(merged).toEqual(tallyOf(sample.slice(0, 300), measure));
    expect(merged.households).toBe(300);
  });

  it('holds counters only: ten times the households, the same counters', () => {
    const leaves = (t: WhatIfTally) => JSON.stringify(t).match(/:\d+/g)!.length;
    expect(leaves(tallyOf(city, measure))).toBeLessThanOrEqual(leaves(tallyOf(city.slice(0, 1_200), measure)) + 10);
  });
});

/** The local bus in miniature: records what is published and, when asked, delivers it to the runner. */
class Bus extends MemoryPublisher {
  deliver: ((detail: WhatIfRequestedV1) => Promise<unknown>) | undefined;
  override async publish(events: Parameters<MemoryPublisher['publish']>[0]) {
    await super.publish(events);
    for (const e of events) if (this.deliver) setImmediate(() => void this.deliver!(e.detail as WhatIfRequestedV1).catch(() => undefined));
  }
  requests() {
    return this.published.map((e) => whatIfRequestedV1.parse(e.detail));
  }
}

function platform(households = city.slice(0, 1_500), t0 = new Date('2026-11-28T09:00:00.000Z')) {
  const clock = { now: t0 };
  const store = new MemoryPolicyStore();
  const assessments = new MemoryAssessments();
  void assessments.save(households);
  const jobs = new MemoryWhatIfJobs();
  const bus = new Bus();
  const now = () => clock.now;
  const api = (over: Partial<WhatIfPorts> = {}): WhatIfPorts => ({
    store,
    shipped: CITY_PARAMETERS,
    now,
    jobs,
    events: bus,
    shards: assessments.shards,
    waitMs: 0,
    pollMs: 5,
    ...over,
  });
  const runner = (over: Partial<RunnerPorts> = {}): RunnerPorts => ({
    jobs,
    assessments,
    policy: store,
    shipped: CITY_PARAMETERS,
    events: bus,
    now,
    pageSize: 20,
    outOfTime: () => false,
    ...over,
  });
  return { clock, store, assessments, jobs, bus, api, runner };
}
const proposal = bodyFor('what-if', { on: '2027-03-01', parameters: [standard2027(95_000)] });
const expected = (households: readonly AssessedHousehold[]) =>
  whatIf(households, current, higher, '2027-03-01', ['dibao.standardMonthlyFen'], RECOGNITION_PARAMETERS);

describe('what-if jobs (测算任务)', () => {
  it('answers a short run at once with the report (200) that one pass gives', async () => {
    const p = platform();
    p.bus.deliver = (detail) => runWhatIfJob(detail, p.runner());
    const { finished, answer } = await requestWhatIf(proposal, supervisor, p.api({ waitMs: 5_000 }));
    expect(finished).toBe(true);
    expect(answer).toMatchObject({ status: 'done', basedOnVersion: 0, progress: { households: 1_500, shardsDone: 16, shards: 16 } });
    expect(answer).toMatchObject(expected(city.slice(0, 1_500)));
    // Writes nothing but the job: no policy change, no assessment touched.
    expect([p.store.version, p.store.entries.length, p.store.rows.size]).toEqual([0, 0, 0]);
    expect([...p.assessments.items.values()]).toEqual(city.slice(0, 1_500));
  });

  it('answers a long run 202 with the job id, progress and location; GET shows the progress grow, then the report', async () => {
    const p = platform();
    const asked = await requestWhatIf(proposal, admin, p.api());
    expect(asked.finished).toBe(false);
    const { jobId } = asked.answer;
    expect(asked.answer).toMatchObject({
      jobId: expect.stringMatching(WHAT_IF_JOB_ID),
      status: 'queued',
      progress: { households: 0, shardsDone: 0, shards: 16 },
      location: `/policy/what-if/${jobId}`,
    });
    expect(asked.location).toBe(`/policy/what-if/${jobId}`);
    expect((asked.answer as { message?: string }).message).toMatch(/^测算进行中.* \/ the what-if is running/);
    expect(p.bus.requests()).toEqual([{ jobId, continuation: 0, requestedAt: '2026-11-28T09:00:00.000Z' }]);

    // Every invocation is out of time after one step: each hands over to a fresh one.
    const seen: number[] = [];
    for (let i = 0; i < p.bus.published.length; i += 1) {
      const result = await runWhatIfJob(p.bus.requests()[i]!, p.runner({ outOfTime: () => true }));
      const read = await readWhatIf(jobId, p.api());
      seen.push(read.progress.households);
      if (result.outcome === 'done') {
        expect(read).toMatchObject({ status: 'done', progress: { households: 1_500, shardsDone: 16, shards: 16 }, ...expected(city.slice(0, 1_500)) });
        break;
      }
      expect(result.outcome).toBe('handed-over');
      expect(read).toMatchObject({ status: 'running' });
    }
    expect(seen.length).toBeGreaterThan(4);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    // The start, then one hand-over per invocation but the last: continuations 0, 1, 2, …
    expect(p.bus.requests().map((r) => r.continuation)).toEqual(seen.map((_, i) => i));
  });

  it('resumes after a failure mid-run at its last checkpoint, counting every household once', async () => {
    const clean = platform();
    await requestWhatIf(proposal, admin, clean.api());
    await runWhatIfJob(clean.bus.requests()[0]!, clean.runner());
    const cleanReads = clean.assessments.reads.length;

    const p = platform();
    const asked = await requestWhatIf(proposal, admin, p.api());
    let calls = 0;
    const page = p.assessments.page.bind(p.assessments);
    p.assessments.page = async (...args) => {
      calls += 1;
      if (calls === 19) throw new Error('ProvisionedThroughputExceededException: the level of configured provisioned throughput for the table was exceeded');
      return page(...args);
    };
    await expect(runWhatIfJob(p.bus.requests()[0]!, p.runner())).rejects.toThrow(/ProvisionedThroughputExceeded/);
    const midway = await readWhatIf(asked.answer.jobId, p.api());
    expect(midway.status).toBe('running');
    expect(midway.progress.households).toBeGreaterThan(0);
    expect(midway.progress.households).toBeLessThan(1_500);
    // The retry of the same event (Lambda's) starts at the checkpoint, not from the beginning.
    expect((await runWhatIfJob(p.bus.requests()[0]!, p.runner())).outcome).toBe('done');
    expect(p.assessments.reads.length).toBeLessThanOrEqual(cleanReads + WHAT_IF_LANES);
    expect(await readWhatIf(asked.answer.jobId, p.api())).toMatchObject({ status: 'done', ...expected(city.slice(0, 1_500)) });
  });

  it('gives pages of any size the same report, reading no page larger than its size', async () => {
    const reports = [];
    for (const pageSize of [1, 7, 64, 5_000]) {
      const p = platform(city.slice(0, 600));
      const asked = await requestWhatIf(proposal, admin, p.api());
      await runWhatIfJob(p.bus.requests()[0]!, p.runner({ pageSize }));
      expect(p.assessments.reads.every((r) => r.limit === pageSize)).toBe(true);
      const { jobId: _j, location: _l, requestedAt: _r, ...report } = await readWhatIf(asked.answer.jobId, p.api());
      reports.push(report);
    }
    expect(reports[0]).toMatchObject(expected(city.slice(0, 600)));
    for (const r of reports.slice(1)) expect(r).toEqual(reports[0]);
  });

  it('lets a second runner of the same job lose the race for the next step: nothing counted twice', async () => {
    const p = platform();
    const asked = await requestWhatIf(proposal, admin, p.api());
    const event = p.bus.requests()[0]!;
    const outcomes = await Promise.all([runWhatIfJob(event, p.runner()), runWhatIfJob(event, p.runner())]);
    expect(outcomes.map((o) => o.outcome).sort()).toEqual(['done', 'superseded']);
    expect((await runWhatIfJob(event, p.runner())).outcome).toBe('already-finished');
    expect(await readWhatIf(asked.answer.jobId, p.api())).toMatchObject({ progress: { households: 1_500 }, households: 1_500 });
  });

  it('is the same job when the same caller sends the same proposal again; restarted only if never started or silent', async () => {
    const p = platform();
    const first = await requestWhatIf(proposal, admin, p.api());
    // Resent before any runner took it (the event may have been lost): the same job, asked to run again.
    const resent = await requestWhatIf(proposal, admin, p.api());
    expect(resent.answer.jobId).toBe(first.answer.jobId);
    expect(p.jobs.jobs.size).toBe(1);
    expect(p.bus.requests().map((r) => r.jobId)).toEqual([first.answer.jobId, first.answer.jobId]);
    // Under way: resending changes nothing.
    await runWhatIfJob(p.bus.requests()[0]!, p.runner({ outOfTime: () => true }));
    await requestWhatIf(proposal, admin, p.api());
    expect(p.bus.published).toHaveLength(3); // the two starts and the runner's hand-over
    // Silent longer than allowed (its runner failed for good): resending restarts it from its checkpoint.
    p.clock.now = new Date(p.clock.now.getTime() + (WHAT_IF_JOB_RULES.staleAfterSeconds + 1) * 1000);
    await requestWhatIf(proposal, admin, p.api());
    expect(p.bus.requests().at(-1)).toMatchObject({ jobId: first.answer.jobId, continuation: 0 });
    // Another caller, another proposal or another day: another job.
    const others = await Promise.all([
      requestWhatIf(proposal, supervisor, p.api()),
      requestWhatIf(bodyFor('what-if', { on: '2027-03-01', parameters: [standard2027(96_000)] }), admin, p.api()),
      requestWhatIf(bodyFor('what-if', { on: '2027-03-02', parameters: [standard2027(95_000)] }), admin, p.api()),
    ]);
    expect(new Set([first.answer.jobId, ...others.map((o) => o.answer.jobId)]).size).toBe(4);
  });

  it('refuses other departments (403), names the field of a bad proposal or job id (400), and does not know an unknown or expired job (404)', async () => {
    const p = platform(city.slice(0, 50));
    expect((await rejection(() => throughEdge('what-if', { caller: health.department, body: JSON.stringify(proposal) }))).statusCode).toBe(403);
    const bad = await rejection(requestWhatIf(bodyFor('what-if', { parameters: [{ ...standard2027(95_000), value: -1 }] }), admin, p.api()));
    expect([bad.statusCode, bad.problems.map((x) => x.field)]).toEqual([400, ['parameters[0].value']]);
    const unknownName = await rejection(
      requestWhatIf(bodyFor('what-if', { parameters: [{ ...standard2027(95_000), name: 'dibao.standard' }] }), admin, p.api()),
    );
    expect([unknownName.statusCode, unknownName.problems.map((x) => x.field)]).toEqual([400, ['parameters[0].name']]);
    expect(p.jobs.jobs.size).toBe(0);
    expect(p.bus.published).toEqual([]);

    const { answer: body } = await requestWhatIf(proposal, admin, p.api());
    expect((await rejection(() => throughEdge('read-what-if', { caller: health.department }))).statusCode).toBe(403);
    const badId = await rejection(readWhatIf('../../etc/passwd', p.api()));
    expect([badId.statusCode, badId.problems.map((x) => x.field)]).toEqual([400, ['jobId']]);
    const unknown = await rejection(readWhatIf(UNKNOWN_JOB, p.api()));
    expect([unknown.statusCode, unknown.code]).toEqual([404, 'WhatIfJobNotFound']);
    expect(unknown.message).toMatch(/^没有测算任务 0a1b2c3d-0a1b2c3d-0a1b2c3d-0a1b2c3d.* \/ no what-if job/);
    expect(await readWhatIf(body.jobId, p.api())).toMatchObject({ jobId: body.jobId });
    p.clock.now = new Date(p.clock.now.getTime() + WHAT_IF_JOB_RULES.keepHours * 3_600_000);
    expect((await rejection(readWhatIf(body.jobId, p.api()))).statusCode).toBe(404);
  });

  it('fails a job whose policy moved before it ran, saying so in Chinese and English; the POST that waits for it answers 409', async () => {
    const p = platform(city.slice(0, 200));
    const { answer: body } = await requestWhatIf(proposal, admin, p.api());
    await changeParameters(
      bodyFor('change-policy', { expectedVersion: 0, reason: '2027 standard raised', parameters: [standard2027(93_000)] }),
      admin,
      p.api(),
    );
    expect((await runWhatIfJob(p.bus.requests()[0]!, p.runner())).outcome).toBe('failed');
    const read = await readWhatIf(body.jobId, p.api());
    expect(read).toMatchObject({ status: 'failed', failure: { error: 'PolicyVersionMoved' } });
    expect((read as { failure: { message: string } }).failure.message).toMatch(/^测算基于第 0 版政策.* \/ the what-if was asked against policy version 0/);
    // Asked again, it is measured against version 1: another job, which runs.
    p.bus.deliver = (detail) => runWhatIfJob(detail, p.runner());
    const again = await requestWhatIf(proposal, admin, p.api({ waitMs: 5_000 }));
    expect([again.finished, again.answer.basedOnVersion, again.answer.jobId === body.jobId]).toEqual([true, 1, false]);

    // A POST that sees its job fail while it waits answers the failure, not a report.
    const q = platform(city.slice(0, 200));
    q.bus.deliver = async (detail) => {
      await changeParameters(bodyFor('change-policy', { expectedVersion: 0, reason: 'r', parameters: [standard2027(93_000)] }), admin, q.api());
      return runWhatIfJob(detail, q.runner());
    };
    const failed = await rejection(requestWhatIf(proposal, admin, q.api({ waitMs: 5_000 })));
    expect([failed.statusCode, failed.code]).toEqual([409, 'PolicyVersionMoved']);
  });
});

describe('WhatIfRequested.v1', () => {
  // The sample's schema and the rule that delivers it to the runner: test/contract/events.test.ts.
  const detail = whatIfRequestedSample.detail;

  it('is the event policy-admin and the runner publish', () => {
    expect(whatIfRequested(detail.jobId, 2, new Date(detail.requestedAt))).toEqual({
      source: whatIfRequestedSample.source,
      detailType: whatIfRequestedSample['detail-type'],
      detail: { ...detail, continuation: 2 },
    });
  });

  it('refuses a detail that is not a job id, or carries more than the contract', () => {
    expect(whatIfRequestedV1.safeParse({ ...detail, jobId: 'HH#430104' }).success).toBe(false);
    expect(whatIfRequestedV1.safeParse({ ...detail, parameters: [] }).success).toBe(false);
    expect(whatIfRequestedV1.safeParse({ ...detail, continuation: -1 }).success).toBe(false);
  });
});
