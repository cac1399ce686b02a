// sso-harness/vitest: the conformance checks as vitest tests, for test authors who run their SP,
// connector or SCIM service under vitest. vitest is an optional peer dependency: install it to
// use this entry. Like the CLI, this entry composes the registered apps into targets.

// Registering the checks
export { ConformanceFailure, registerConformance } from './register.js';
export type { ConformanceOptions } from './plan.js';

// Names the options take
export type { AppId, Connector, IdpFault, SamlFault, ScimFault } from '../../index.js';
export type { Shard, SuiteId } from '#harness/runner';
export type { DialectId } from '#harness/idp';
export type { ReporterName } from '#reports';
