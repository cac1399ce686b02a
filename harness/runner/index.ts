// Scenario runner: definitions, targets, context, run.

export { SUITES, checksCiting, defineScenario } from './scenario.js';
export type { AdvertisedFeature, Requires, Scenario, ScenarioDefinition, SuiteId } from './scenario.js';
export type { Capabilities, MockInstance, Target } from './target.js';
export { virtualClock } from './clock.js';
export type { HarnessClock } from './clock.js';
export { CheckFailure, NotApplicable, ScenarioContext } from './context.js';
export { gate, runClaimedJobs, runJobs, runScenarios } from './run.js';
export type { JobShare, RunOptions, ScenarioOnTarget } from './run.js';
export { ShardError, parseShard, runShard, selectShard } from './shard.js';
export type { Shard, ShardJob } from './shard.js';
