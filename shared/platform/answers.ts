/**
 * What the API answers, as zod schemas: the handlers send their answers through these (parsed at
 * the edge, shared/http/api-handler.ts `answer`: a field not declared here is not sent), and the
 * OpenAPI document is generated from them, so the documented answer is the one sent.
 */
export * from './answers/fields';
export * from './answers/submissions';
export * from './answers/warnings';
export * from './answers/households';
export * from './answers/policy';
export * from './answers/errors';
export * from './answers/recognition';
export * from './answers/operations';
export * from './answers/waivers';
export * from './answers/officers';
export * from './answers/service-assistance';
export * from './answers/partners';
