// Load mode: SCIM traffic measured against a server someone else wrote, and correctness under
// concurrency (duplicate creates, lost group members). @see docs/decisions/0030-load-mode.md

// Running a load
export { runLoad } from './run-load.js';
export { LoadError } from './errors.js';
export type { LoadErrorCode } from './errors.js';

// Options
export { WORKLOADS, isWorkload } from './options.js';
export type { LoadOptions, Workload } from './options.js';

// The report and its writers
export { loadExitCode, loadMarkdown, loadReportJson, statusCell } from './report.js';
export type { LoadReport } from './report.js';
export type { ProbeResult, ProbeVerdict } from './probe.js';
export type { WorkloadResult } from './traffic.js';
export type { LatencySummary } from './latency.js';

// The Artillery export
export { ARTILLERY_TOKEN_VARIABLE, artilleryYaml } from './artillery.js';
export type { ArtilleryOptions } from './artillery.js';
