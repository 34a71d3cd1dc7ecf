import { documentClient } from '../adapters/dynamodb/client';
import { Table } from '../adapters/dynamodb/table';
import { DynamoAssessmentStore } from '../adapters/dynamodb/assessment-store';
import { DynamoAuditTrail } from '../adapters/dynamodb/audit-trail';
import { DynamoAuditTreeHeads } from '../adapters/dynamodb/audit-tree-heads';
import { DynamoDisclosureStore } from '../adapters/dynamodb/disclosure-store';
import { DynamoEmergencyCases } from '../adapters/dynamodb/emergency-cases';
import { DynamoHouseholdRegister } from '../adapters/dynamodb/household-register';
import { DynamoPersonFacts } from '../adapters/dynamodb/person-facts';
import { DynamoKnownPeople } from '../adapters/dynamodb/known-people';
import { DynamoPolicyStore } from '../adapters/dynamodb/policy-store';
import { DynamoStatisticsStore } from '../adapters/dynamodb/statistics-store';
import { DynamoSubmissionStore } from '../adapters/dynamodb/submission-store';
import { DynamoWarningStore } from '../adapters/dynamodb/warning-store';
import { DynamoWarningLists } from '../adapters/dynamodb/warning-lists';
import { DynamoWhatIfJobs } from '../adapters/dynamodb/what-if-jobs';
import { DynamoPartnerRegistry } from '../adapters/dynamodb/partner-registry';
import { config, required } from '../config';
import { once } from './once';

/**
 * The stores over the single table (need `table`), one factory each, made once per container.
 * A function's handler imports the factories it uses and nothing else goes into its bundle.
 */
export const table = /* @__PURE__ */ once(() => new Table(documentClient(), required('TABLE_NAME')));

export const submissions = /* @__PURE__ */ once(() => new DynamoSubmissionStore(table()));
export const register = /* @__PURE__ */ once(() => new DynamoHouseholdRegister(table()));
export const warnings = /* @__PURE__ */ once(() => new DynamoWarningStore(table()));
export const warningLists = /* @__PURE__ */ once(() => new DynamoWarningLists(table()));
export const facts = /* @__PURE__ */ once(() => new DynamoPersonFacts(table()));
export const knownPeople = /* @__PURE__ */ once(() => new DynamoKnownPeople(table()));
export const statistics = /* @__PURE__ */ once(() => new DynamoStatisticsStore(table()));
export const disclosure = /* @__PURE__ */ once(() => new DynamoDisclosureStore(table()));
export const emergencyCases = /* @__PURE__ */ once(() => new DynamoEmergencyCases(table()));
export const assessments = /* @__PURE__ */ once(() => new DynamoAssessmentStore(table()));
export const whatIfJobs = /* @__PURE__ */ once(() => new DynamoWhatIfJobs(table()));
export const policyStore = /* @__PURE__ */ once(() => new DynamoPolicyStore(table()));
export const partners = /* @__PURE__ */ once(() => new DynamoPartnerRegistry(table()));
export const audit = /* @__PURE__ */ once(() => new DynamoAuditTrail(table(), config().AUDIT_RETENTION_DAYS));
/** The signed tree heads of the audit trail, in their own table (need `auditSigning`). */
export const auditHeads = /* @__PURE__ */ once(
  () => new DynamoAuditTreeHeads(new Table(documentClient(), required('AUDIT_HEADS_TABLE_NAME')), config().AUDIT_RETENTION_DAYS),
);
