import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import {
  ASSISTANCE_ADJUSTED_V1,
  ASSISTANCE_ENDED_V1,
  ASSISTANCE_GRANTED_V1,
  assistanceAdjustedV1,
  assistanceEndedV1,
  assistanceGrantedV1,
} from '../../events/assistance-changed.v1';
import { AUDIT_TREE_HEAD_SIGNED_V1, auditTreeHeadSignedV1 } from '../../events/audit-tree-head-signed.v1';
import { CORRECTION_RECORDED_V1, correctionRecordedV1 } from '../../events/correction-recorded.v1';
import { HOUSEHOLDS_ROLLED_V1, householdsRolledV1 } from '../../events/households-rolled.v1';
import { RECOGNITION_DECIDED_V1, recognitionDecidedV1 } from '../../events/recognition-decided.v1';
import { RECORDS_ACCEPTED_V1, recordsAcceptedV1 } from '../../events/records-accepted.v1';
import { PLATFORM_RULES, type RuleTarget } from '../../events/rules';
import { WARNINGS_RAISED_V1, warningsRaisedV1 } from '../../events/warning-raised.v1';
import { WARNING_REFERRED_V1, warningReferredV1 } from '../../events/warning-referred.v1';
import { WARNING_RESOLVED_V1, warningResolvedV1 } from '../../events/warning-resolved.v1';
import { WHAT_IF_REQUESTED_V1, whatIfRequestedV1 } from '../../events/what-if-requested.v1';
import { WORK_ITEM_V1, workItemV1 } from '../../events/work-item.v1';
import { matchesEventPattern } from '../../infra/local/event-pattern';
import { DISTRICT_CODES } from '../../shared/domain/districts';
import { PERSON_REF_PATTERN } from '../../shared/privacy/person-ref';
import { CASE_RECORD_TYPES, RECORD_TYPE_CODES, ROLL_RECORD_TYPES } from '../../shared/records/record-types';
import { LeakDetector } from '../privacy/detector';
import { schemaChanges, type JsonSchema } from './schema-changes';

/**
 * Each contract's sample (events/samples/<name>.json: the event as a target receives it, or the
 * work item as a department does) and its version frozen (test/contract/frozen/<name>.json: the
 * JSON Schema last accepted and every sample accepted with it). Events outlive their producer
 * (the archive replays a year) and consumers parse strictly, so within a version a schema may
 * only gain what every published event still satisfies (schema-changes.ts), and is then frozen
 * again: `CONTRACTS=freeze npx vitest run test/contract`. The work item takes no change at all:
 * departments validate it against the schema published in /openapi.json.
 */
interface Contract {
  name: string;
  schema: z.ZodType;
  /** On the bus: where the rules deliver the sample. */
  bus?: { source: string; routedTo: RuleTarget[] };
  /** Read by systems outside this repository against the published schema. */
  published?: true;
}

const onBus = (event: { source: string; detailType: string }, schema: z.ZodType, routedTo: RuleTarget[]): Contract => ({
  name: event.detailType,
  schema,
  bus: { source: event.source, routedTo },
});

const CONTRACTS: readonly Contract[] = [
  onBus(RECORDS_ACCEPTED_V1, recordsAcceptedV1, ['warning-evaluation']), // a death record
  onBus(HOUSEHOLDS_ROLLED_V1, householdsRolledV1, ['warning-evaluation']),
  onBus(WARNINGS_RAISED_V1, warningsRaisedV1, ['statistics', 'department-routing']),
  onBus(WARNING_REFERRED_V1, warningReferredV1, ['department-routing']),
  onBus(WARNING_RESOLVED_V1, warningResolvedV1, ['statistics']),
  onBus(ASSISTANCE_ENDED_V1, assistanceEndedV1, ['warning-evaluation']), // a gradual exit: better finances
  onBus(ASSISTANCE_ADJUSTED_V1, assistanceAdjustedV1, []),
  onBus(ASSISTANCE_GRANTED_V1, assistanceGrantedV1, ['statistics']),
  onBus(RECOGNITION_DECIDED_V1, recognitionDecidedV1, []),
  onBus(AUDIT_TREE_HEAD_SIGNED_V1, auditTreeHeadSignedV1, []), // kept by the archive only
  onBus(WHAT_IF_REQUESTED_V1, whatIfRequestedV1, ['what-if-runner']),
  onBus(CORRECTION_RECORDED_V1, correctionRecordedV1, []), // kept by the archive; no consumer yet
  { name: WORK_ITEM_V1, schema: workItemV1, published: true },
];

const SAMPLES = new URL('../../events/samples/', import.meta.url);
const FROZEN = new URL('./frozen/', import.meta.url);
const FREEZE = process.env.CONTRACTS === 'freeze';

type Json = Record<string, unknown>;
const readJson = (url: URL) => JSON.parse(readFileSync(url, 'utf8')) as Json;
const sampleOf = (c: Contract) => readJson(new URL(`${c.name}.json`, SAMPLES));
const detailOf = (c: Contract, sample: Json) => (c.bus ? sample.detail : sample) as Json;
const jsonSchemaOf = (c: Contract) => z.toJSONSchema(c.schema, { io: 'input' }) as JsonSchema;
const targetsOf = (event: Json) => PLATFORM_RULES.filter((r) => matchesEventPattern(r.eventPattern, event)).map((r) => r.target);

interface Frozen {
  jsonSchema: JsonSchema;
  samples: Json[];
}

describe.each(CONTRACTS)('$name', (contract) => {
  const sample = sampleOf(contract);
  const detail = detailOf(contract, sample);

  it('has a sample its schema accepts as it is', () => {
    if (contract.bus) expect([sample.source, sample['detail-type']]).toEqual([contract.bus.source, contract.name]);
    else expect(sample.messageType).toBe(contract.name);
    expect(contract.schema.parse(detail)).toEqual(detail);
  });

  if (contract.bus) {
    const { routedTo } = contract.bus;
    it(`is delivered to ${routedTo.join(' and ') || 'no target'}, and to nothing else`, () => {
      expect(targetsOf(sample).sort()).toEqual([...routedTo].sort());
    });
  }

  it('changes only compatibly within its version, and is frozen as it is', () => {
    const file = new URL(`${contract.name}.json`, FROZEN);
    const current = jsonSchemaOf(contract);
    const frozen: Frozen | undefined = existsSync(file) ? (readJson(file) as unknown as Frozen) : undefined;
    const changes = frozen ? schemaChanges(frozen.jsonSchema, current) : { breaking: [], additions: [] };
    const refused = [...changes.breaking, ...(contract.published ? changes.additions : [])];
    const why = contract.published
      ? 'is read by departments against its published schema: any change makes a new version'
      : 'would break what was published: make it a new version instead';
    expect(refused, `${contract.name} ${why}`).toEqual([]);
    if (FREEZE) {
      const samples = frozen?.samples ?? [];
      if (!samples.some((s) => isDeepStrictEqual(s, detail))) samples.push(detail);
      writeFileSync(file, `${JSON.stringify({ jsonSchema: current, samples } satisfies Frozen, null, 2)}\n`);
      return;
    }
    expect(frozen, `no frozen copy of ${contract.name}: run CONTRACTS=freeze npx vitest run test/contract`).toBeDefined();
    expect(changes.additions, `${contract.name} changed compatibly: freeze it again (CONTRACTS=freeze npx vitest run test/contract)`).toEqual([]);
    expect(current, `${contract.name} changed: freeze it again`).toEqual(frozen!.jsonSchema);
  });

  it('still accepts every sample frozen with its version', () => {
    const frozen = readJson(new URL(`${contract.name}.json`, FROZEN)) as unknown as Frozen;
    expect(frozen.samples.length).toBeGreaterThan(0);
    for (const old of frozen.samples) expect(contract.schema.safeParse(old).error?.issues ?? []).toEqual([]);
  });
});

describe('the samples', () => {
  it('cover every detail-type declared in events/ and nothing else', async () => {
    const declared = new Set<string>([WORK_ITEM_V1]);
    for (const file of readdirSync(new URL('../../events/', import.meta.url)).filter((f) => f.endsWith('.ts'))) {
      for (const value of Object.values(await import(`../../events/${file}`))) {
        if (value && typeof value === 'object' && 'detailType' in value && 'source' in value) declared.add(String(value.detailType));
      }
    }
    const contracts = CONTRACTS.map((c) => c.name).sort();
    expect(contracts).toEqual([...declared].sort());
    expect(readdirSync(SAMPLES).sort()).toEqual(contracts.map((n) => `${n}.json`));
  });

  it('carry no identity number: person references and the city’s district codes', () => {
    for (const contract of CONTRACTS) {
      const text = readFileSync(new URL(`${contract.name}.json`, SAMPLES), 'utf8');
      expect(new LeakDetector().scan(contract.name, text)).toEqual([]);
      walk(JSON.parse(text), (key, value) => {
        if (typeof value !== 'string') return;
        if (['personRef', 'subject', 'subjects'].includes(key)) expect(value, `${contract.name}: ${key}`).toMatch(PERSON_REF_PATTERN);
        if (['district', 'registeredIn'].includes(key)) expect(DISTRICT_CODES, `${contract.name}: ${key}`).toContain(value);
      });
    }
  });
});

describe('routing by content', () => {
  const recordsAccepted = sampleOf(CONTRACTS.find((c) => c.name === RECORDS_ACCEPTED_V1.detailType)!);
  const ofType = (recordType: string) => ({ ...recordsAccepted, detail: { ...(recordsAccepted.detail as Json), recordType } });

  it('sends a roll entry to the register only (the indicators read it once written), a case to both, an investigation to recognition too', () => {
    const special: Record<string, RuleTarget[]> = {
      ...Object.fromEntries(ROLL_RECORD_TYPES.map((t) => [t, ['register-update']])),
      ...Object.fromEntries(CASE_RECORD_TYPES.map((t) => [t, ['register-update', 'warning-evaluation']])),
      'economic-investigation': ['recognition', 'warning-evaluation'],
    };
    for (const recordType of RECORD_TYPE_CODES) {
      const expected = special[recordType] ?? ['warning-evaluation'];
      expect(targetsOf(ofType(recordType)).sort(), recordType).toEqual([...expected].sort());
    }
  });

  it('offers a transfer only for an exit for better finances (indicator 16)', () => {
    const ended = sampleOf(CONTRACTS.find((c) => c.name === ASSISTANCE_ENDED_V1.detailType)!);
    for (const exitReason of ['died', 'moved-away', 'not-eligible', 'other']) {
      expect(targetsOf({ ...ended, detail: { ...(ended.detail as Json), exitReason } }), exitReason).toEqual([]);
    }
  });

  it('leaves no rule without an event it delivers', () => {
    const events = [...CONTRACTS.filter((c) => c.bus).map(sampleOf), ...RECORD_TYPE_CODES.map(ofType)];
    const used = new Set(PLATFORM_RULES.filter((r) => events.some((e) => matchesEventPattern(r.eventPattern, e))).map((r) => r.name));
    expect(PLATFORM_RULES.map((r) => r.name).filter((n) => !used.has(n))).toEqual([]);
  });
});

function walk(value: unknown, visit: (key: string, value: unknown) => void, key = ''): void {
  if (Array.isArray(value)) {
    for (const v of value) walk(v, visit, key);
  } else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, visit, k);
  else visit(key, value);
}
