import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { config } from '../../shared/config';
import { logger, metrics } from '../../shared/observability';
import * as bus from '../../shared/wiring/events';
import * as runtime from '../../shared/wiring/runtime';
import * as signing from '../../shared/wiring/audit-signer';
import * as table from '../../shared/wiring/table';
import { sealAuditTrail } from './use-case';

/** Scheduled (events/rules.ts PLATFORM_SCHEDULES): seals the audit trail with signed tree heads. */
export const handler = middy()
  .use(injectLambdaContext(logger, { clearState: true }))
  .use(logMetrics(metrics))
  .handler(async () => {
    const ports = { trail: table.audit(), heads: table.auditHeads(), signer: signing.auditSigner(), events: bus.events(), now: runtime.now };
    const { sealed } = await sealAuditTrail(ports, { lagSeconds: config().AUDIT_SEAL_LAG_SECONDS });
    // The heads in the log too: a second witness, kept as long as the log group.
    for (const h of sealed)
      logger.info('audit tree head signed', { number: h.number, day: h.day, from: h.from, to: h.to, treeSize: h.treeSize, rootHash: h.rootHash, mac: h.mac });
    metrics.addMetric('AuditTreeHeadsSigned', MetricUnit.Count, sealed.length);
    metrics.addMetric(
      'AuditEntriesSealed',
      MetricUnit.Count,
      sealed.reduce((n, h) => n + h.treeSize, 0),
    );
    return { sealed: sealed.map((h) => ({ number: h.number, day: h.day, to: h.to, treeSize: h.treeSize })) };
  });
