import type { ProxyCounts } from '../infra/local/counting-proxy';
import type { FunctionId } from '../shared/platform/api';
import { FUNCTIONS } from '../shared/platform/functions';

/**
 * Public on-demand unit prices, as read on 2026-12-01 from stored copies of the pages named
 * (the live pages were not reachable from here; check them before quoting a figure). Free tiers
 * are left out: the cost is per million records at any volume.
 *
 * Standard: US East (N. Virginia), us-east-1, USD.
 * - Lambda, Arm (the functions are ARM_64): $0.20 per million requests and $0.0000133334 per
 *   GB-second, https://aws.amazon.com/lambda/pricing/ (requests as quoted there; the Arm rate as
 *   transcribed from that page in artillery's lib/platform/aws-lambda/prices.js, 2.0.28).
 * - DynamoDB on-demand, Standard table class: $0.625 per million write request units and $0.125
 *   per million read request units (the rates since the on-demand price cut of November 2024),
 *   https://aws.amazon.com/dynamodb/pricing/on-demand/, as quoted by
 *   https://airbyte.com/data-engineering-resources/dynamodb-pricing.
 * - EventBridge: $1.00 per million custom events, each 64 KB chunk of a payload one event,
 *   https://aws.amazon.com/eventbridge/pricing/ (its pricing example: "5 million × $1.00/million").
 * - SQS standard queues: $0.40 per million requests, each 64 KB chunk one request,
 *   https://aws.amazon.com/sqs/pricing/ (as quoted by adhdecode's "SQS cost per million messages").
 *
 * China (Beijing), cn-north-1, CNY, converted at CNY_PER_USD:
 * - DynamoDB on-demand: ¥11.1538 per million write request units,
 *   https://www.amazonaws.cn/en/dynamodb/pricing/.
 * - Lambda, DynamoDB reads, EventBridge and SQS in cn-north-1: no stored copy of
 *   www.amazonaws.cn's pages showed these rates, so they are null here and the China figure is
 *   not computed (the bench prints which are missing). Fill them in from
 *   https://www.amazonaws.cn/en/lambda/pricing/, /dynamodb/pricing/, /eventbridge/pricing/ and
 *   /sqs/pricing/, with the date read.
 */
export const PRICES_READ_ON = '2026-12-01';
/** The conversion used for CNY prices: a round rate, stated here, not a quote of the day. */
export const CNY_PER_USD = 7.1;

export interface UnitPrices {
  region: string;
  currency: 'USD' | 'CNY';
  lambdaPerMillionRequests: number | null;
  lambdaPerGbSecond: number | null;
  dynamoDbPerMillionWriteUnits: number | null;
  dynamoDbPerMillionReadUnits: number | null;
  eventBridgePerMillionEvents: number | null;
  sqsPerMillionRequests: number | null;
}

export const STANDARD_PRICES: UnitPrices = {
  region: 'us-east-1',
  currency: 'USD',
  lambdaPerMillionRequests: 0.2,
  lambdaPerGbSecond: 0.0000133334,
  dynamoDbPerMillionWriteUnits: 0.625,
  dynamoDbPerMillionReadUnits: 0.125,
  eventBridgePerMillionEvents: 1.0,
  sqsPerMillionRequests: 0.4,
};

export const CHINA_PRICES: UnitPrices = {
  region: 'cn-north-1',
  currency: 'CNY',
  lambdaPerMillionRequests: null,
  lambdaPerGbSecond: null,
  dynamoDbPerMillionWriteUnits: 11.1538,
  dynamoDbPerMillionReadUnits: null,
  eventBridgePerMillionEvents: null,
  sqsPerMillionRequests: null,
};

/** What one run of a workload consumed, as counted from outside. */
export interface Usage {
  records: number;
  /** Invocations per function (API requests, and one per rule target of each event put on the bus). */
  invocations: Partial<Record<FunctionId, number>>;
  /** Measured duration of one invocation per function, ms. */
  durationMs: Partial<Record<FunctionId, number>>;
  counts: ProxyCounts;
}

export interface CostLine {
  item: string;
  quantity: number;
  unitPrice: number | null;
  cost: number | null;
}

export interface CostEstimate {
  region: string;
  currency: string;
  lines: CostLine[];
  /** Per million records, in US dollars (null when a unit price is missing). */
  perMillionRecordsUsd: number | null;
  missing: string[];
}

export function gbSeconds(usage: Usage): number {
  let total = 0;
  for (const [id, n] of Object.entries(usage.invocations) as [FunctionId, number][]) {
    const ms = usage.durationMs[id];
    if (ms === undefined) throw new Error(`no measured duration for ${id}`);
    total += n * (FUNCTIONS[id].memoryMb / 1024) * (ms / 1000);
  }
  return total;
}

export function estimateCost(usage: Usage, prices: UnitPrices): CostEstimate {
  const c = usage.counts;
  const requests = Object.values(usage.invocations).reduce((a, b) => a + (b ?? 0), 0);
  const line = (item: string, quantity: number, perMillion: number | null, unitIsMillion = true): CostLine => ({
    item,
    quantity,
    unitPrice: perMillion,
    cost: perMillion === null ? null : (quantity / (unitIsMillion ? 1e6 : 1)) * perMillion,
  });
  const lines = [
    line('Lambda requests', requests, prices.lambdaPerMillionRequests),
    line('Lambda GB-seconds', gbSeconds(usage), prices.lambdaPerGbSecond, false),
    line('DynamoDB write request units', c.dynamodb.writeRequestUnits, prices.dynamoDbPerMillionWriteUnits),
    line('DynamoDB read request units', c.dynamodb.readRequestUnits, prices.dynamoDbPerMillionReadUnits),
    line('EventBridge custom events (64 KB chunks)', c.events.billedEvents, prices.eventBridgePerMillionEvents),
    line('SQS requests (64 KB chunks)', c.sqs.billedRequests, prices.sqsPerMillionRequests),
  ];
  const missing = lines.filter((l) => l.unitPrice === null).map((l) => l.item);
  const total = missing.length ? null : lines.reduce((a, l) => a + l.cost!, 0);
  const toUsd = prices.currency === 'CNY' ? 1 / CNY_PER_USD : 1;
  return {
    region: prices.region,
    currency: prices.currency,
    lines,
    perMillionRecordsUsd: total === null ? null : (total * toUsd * 1e6) / usage.records,
    missing,
  };
}
