import { warningOutcome } from '../domain/outcome';
import { DEPARTMENTS, WARNING_RECIPIENTS, type WarningRecipient } from '../domain/departments';
import { DISTRICTS } from '../domain/districts';
import workItemSample from '../../events/samples/WarningWorkItem.v1.json';
import { ALL_INDICATORS } from '../domain/indicators';
import { PROGRAMMES } from '../domain/programmes';
import { RECORD_TYPES, recordTypesOf } from '../records/catalogue';
import { RECORD_EXAMPLES } from '../records/examples';
import { MAX_RECORDS_PER_BATCH } from '../records/batch';
import { API_ROUTES, routeById, type ApiRouteId } from './api';
import { ERROR_CODES, refusalsOf, type ErrorCode } from './error-codes';
import { OUTCOME_EXAMPLES, routeSummary } from './openapi';
import { departmentRoleName } from './principals';
import { deadLetterQueueName, workQueueName } from './queues';
import { fieldRows, IDENTITY_NUMBER_RULE, jsonSchemaOf, type FieldRow, type JsonSchema } from './schema-docs';

/**
 * The page each department's engineers read (docs/departments/<department>.md), generated from
 * the same definitions the platform runs on, so it cannot go stale (a test compares them): the
 * `lim` commands, the routes, every field of every record type (nested fields expanded, with
 * their Chinese labels), an example of each, the queue, every kind of answer and the error codes.
 */
const NAMES: Record<WarningRecipient, string> = {
  ...Object.fromEntries(Object.entries(DEPARTMENTS).map(([k, v]) => [k, v])),
  'county-coordination': '县级困难群众基本生活保障工作协调机制',
  supervision: '数字监督',
} as Record<WarningRecipient, string>;

/** A table cell: no line breaks, no unescaped pipes. */
const cell = (text: string) => text.replaceAll('\n', ' ').replace(/(?<!\\)\|/g, '\\|');

function fieldTable(rows: readonly FieldRow[]): string[] {
  const required = (r: FieldRow) => (typeof r.required === 'string' ? r.required : `yes, with \`${r.required.within}\``);
  return [
    '| field 字段 | 名称 label | rule 规则 | required 必填 |',
    '|---|---|---|---|',
    // Without a label in the schema, the field's own name (as the templates and error reports do).
    ...rows.map((r) => `| \`${r.path}\` | ${cell(r.label ?? r.path.split('.').at(-1)!.replace('[]', ''))} | ${cell(r.type)} | ${required(r)} |`),
  ];
}

const json = (value: unknown) => ['```json', JSON.stringify(value, null, 2), '```'];

/** The `lim` commands (the package's own command line), as this department runs them. */
function tools(recipient: WarningRecipient, types: readonly string[]): string[] {
  const d = recipient;
  const type = types[0] ?? '<record-type>';
  const rows = [
    ...(types.length
      ? [
          ['一个记录类型的模板 a template for a record type (columns with Chinese labels)', `npx lim template ${type} --format xlsx --out ${type}.xlsx`],
          [
            '报送一个文件 submit a file (.xlsx, .csv or .json): checked here first, a progress bar, and an error report beside the file naming row, column and problem in Chinese and English; nothing is sent while the file has problems unless `--send-valid`',
            `npx lim submit --department ${d} ${type}-2026-11.xlsx`,
          ],
          ['报送状态 read a submission’s status', `npx lim status <submission-id> --department ${d}`],
        ]
      : []),
    ['处理工作队列 work through your queue (long polling; a message is deleted once handled)', `npx lim work --department ${d}`],
    ['答复预警 answer a warning', `npx lim answer <warning-id> --department ${d} --outcome <kind> …`],
  ];
  return [
    '## Your tools 工具: `npx lim`',
    'The `lim` command signs every call for you (SigV4 with the standard AWS credential chain, or the local platform’s keys) and splits a file into batches of at most ' +
      `${MAX_RECORDS_PER_BATCH} records with batch ids derived from the file, so running it again resumes instead of sending twice.`,
    '',
    '| what 用途 | command 命令 |',
    '|---|---|',
    ...rows.map(([what, command]) => `| ${cell(what!)} | \`${command}\` |`),
    '',
    'Every command takes `--endpoint <url>`, `--profile <aws profile>`, `--region <region>` and `--json` (machine-readable output); `npx lim --help` and `npx lim <command> --help` explain each in Chinese and English, with the exit codes. ' +
      'Against `npm start` on this machine it reads the connection details `npm start` writes in `.local-data/` (the API URL, the region, your local keys and your queue URL) and needs no option but `--department`.',
    '',
  ];
}

/** Every answer kind, from the outcome schema itself (nothing hand-written to go stale). */
function outcomes(): string[] {
  const variants = ((jsonSchemaOf(warningOutcome, 'input').oneOf ?? []) as JsonSchema[]).map((v) => ({
    kind: String((v.properties as Record<string, JsonSchema>).outcome?.const),
    schema: v,
  }));
  return variants.flatMap(({ kind, schema }) => [
    `### \`${kind}\`${OUTCOME_EXAMPLES[kind] ? ` — ${OUTCOME_EXAMPLES[kind].summary}` : ''}`,
    '',
    ...fieldTable(fieldRows(schema)),
    '',
    ...(OUTCOME_EXAMPLES[kind] ? json(OUTCOME_EXAMPLES[kind].value) : []),
    '',
  ]);
}

function errorTable(recipient: WarningRecipient): string[] {
  const codes = new Set<ErrorCode>(API_ROUTES.filter((r) => r.callers.includes(recipient)).flatMap(refusalsOf));
  return [
    '## Error codes 错误代码',
    'A refusal is JSON `{ "error": "<code>", "message": "中文 / English", "problems": [{ "record", "recordId", "field", "message" }] }`: branch on `error`, show `message` to people. ' +
      'API Gateway’s own refusals carry only `message`: 401/403 for a missing or wrong signature or a route your role may not call, 413 for a body over 10 MB, 502 and 504 when the function failed or timed out (safe to send again).',
    '',
    '| code 代码 | status | 中文 | English |',
    '|---|---|---|---|',
    ...[...codes]
      .sort((a, b) => ERROR_CODES[a].status - ERROR_CODES[b].status || a.localeCompare(b))
      .map((c) => `| \`${c}\` | ${ERROR_CODES[c].status} | ${cell(ERROR_CODES[c].zh)} | ${cell(ERROR_CODES[c].en)} |`),
    '',
  ];
}

export function departmentGuide(recipient: WarningRecipient): string {
  const types = recordTypesOf(recipient);
  const indicators = ALL_INDICATORS.filter((i) => (i.recipients as readonly string[]).includes(recipient));
  const programmes = PROGRAMMES.filter((p) => p.department === recipient);
  const routes = API_ROUTES.filter((r) => r.callers.includes(recipient));
  const statusRoute = routeById('read-submission');
  const lines = [
    `# ${recipient} (${NAMES[recipient]})`,
    '',
    '_Generated by `npm run docs` from the platform definitions; do not edit by hand._',
    '',
    '## Who you are 身份',
    `Your systems call the platform as the IAM role \`${departmentRoleName('<prefix>-<stage>', recipient)}\`, signing every request with SigV4 (service \`execute-api\`). Locally, \`npm start\` prints your access key and secret and your queue URL. The whole API, with an example of every request and answer: \`docs/openapi.json\` (served as \`/openapi.json\`).`,
    '',
    ...tools(recipient, types),
    '## What you may call 可调用的接口',
    '| route 接口 | what 用途 |',
    '|---|---|',
    ...routes.map((r) => `| \`${r.method} ${r.path.replace('{department}', recipient)}\` | ${cell(routeSummary(r.id as ApiRouteId))} |`),
    '',
    '## What you send 报送',
    ...(types.length
      ? [
          `Post records in batches of up to ${MAX_RECORDS_PER_BATCH}: \`{"batchId": "<your unique id>", "records": [...]}\` to \`POST /departments/${recipient}/submissions\`. Resending a batch with the same \`batchId\` changes nothing; a refused batch stores nothing and the error names the record, its \`recordId\` and the field.`,
          '',
          `- \`identityNumber\`: ${IDENTITY_NUMBER_RULE}`,
          '- Money is in fen (分, 1/100 yuan), whole numbers; dates are `yyyy-mm-dd`.',
          `- Districts 区县代码: ${Object.entries(DISTRICTS)
            .map(([code, name]) => `\`${code}\` ${name}`)
            .join(', ')}.`,
          '- Names are checked against the record and dropped; free-text fields are not for names or numbers of 11 digits or more.',
          '',
          ...types.flatMap((t) => [
            `### \`${t}\` — ${RECORD_TYPES[t].description}`,
            '',
            ...fieldTable(fieldRows(jsonSchemaOf(RECORD_TYPES[t].schema, 'input'))),
            '',
            'Example 示例:',
            '',
            ...json(RECORD_EXAMPLES[t]),
            '',
          ]),
          '## Reading a submission back 报送状态',
          `\`GET ${statusRoute.path.replace('{department}', recipient)}\` with the \`submissionId\` of the receipt (\`npx lim status <submission-id> --department ${recipient}\`). Each record is \`accepted\`, then \`evaluated\` once every function that takes its type has compared it with the database, with the warnings its evidence raised (id, indicator, the departments they go to). The submission is \`accepted\`, \`evaluating\`, then \`evaluated\`. Another department’s submission answers 404. Submissions are kept 35 days.`,
          '',
        ]
      : ['You send no records; you answer warnings.', '']),
    '## What you receive on your queue 工作队列',
    `Queue \`${workQueueName('<prefix>-<stage>', recipient)}\` (dead-letter queue \`${deadLetterQueueName('<prefix>-<stage>', recipient)}\` after 5 receives). Each message is a \`WarningWorkItem.v1\` (schema \`WorkItem\` in \`docs/openapi.json\`): the warning, its evidence, what to do, the due date, and where to answer. ` +
      'Read it with long polling (ReceiveMessage, `WaitTimeSeconds` 20); delete a message once you have handled it, and otherwise leave it: it comes back after its visibility timeout (do not change its visibility to 0 in a loop, or it reaches the dead-letter queue). ' +
      `The same warning may arrive twice: de-duplicate on \`warning.warningId\`. \`npx lim work --department ${recipient}\` does this.`,
    '',
    'A work item 工作队列消息示例:',
    '',
    ...json(workItemSample),
    '',
    indicators.length ? '| indicator 指标 | when 何时 |\n|---|---|' : 'No indicator sends you warnings at present.',
    ...indicators.map((i) => `| ${i.id} | ${i.titleZh} ${i.title} |`),
    '',
    '## How you answer 反馈',
    `Take the warning in hand: \`POST /departments/${recipient}/warnings/{warningId}/acknowledgement\` (no body). Then answer once: \`POST /departments/${recipient}/warnings/{warningId}/outcome\` with one of these kinds (\`npx lim answer <warning-id> --department ${recipient} --outcome <kind> …\`):`,
    '',
    '`assistance-ended` and `assistance-adjusted` change a dibao or tekun allowance the household is paid; `transferred` answers only an IND-16 offer of transfer, with the household’s signed consent; `enrolled` names a programme your department runs (county coordination: any). A kind that does not fit the warning is refused with 422 and the field named.',
    '',
    ...outcomes(),
    programmes.length
      ? `Your programmes in the project list (use these codes with \`enrolled\`): ${programmes.map((p) => `\`${p.code}\` (${p.name})`).join(', ')}.`
      : 'County coordination may enrol any programme of the project list (`GET /projects`).',
    '',
    ...errorTable(recipient),
  ];
  return `${lines.join('\n').replace(/\n{3,}/g, '\n\n')}\n`;
}

export const GUIDE_RECIPIENTS = WARNING_RECIPIENTS;
