/**
 * A load run, start to end: the server checked, the seed users made, each workload measured, the
 * races probed, everything created removed, and the report made.
 * @see docs/decisions/0030-load-mode.md
 */
import type { ScimClient } from '#harness/scim';
import { CreatedResources, removeCreated } from './cleanup.js';
import { duplicateCreateRace } from './duplicate-create.js';
import { LoadError } from './errors.js';
import { lostMemberRace } from './lost-member.js';
import { resolveLoadOptions, type LoadOptions, type ResolvedLoadOptions } from './options.js';
import type { ProbeResult } from './probe.js';
import { reportSettings, reportTarget, type LoadReport } from './report.js';
import { answerInWords, createdId, loadClient, preflight, userBody } from './server.js';
import { runWorkload, type SeedUser, type WorkloadResult } from './traffic.js';

/** How many users the lookup and patch workloads share. */
const SEED_USERS = 10;

/** Creates the seed users; a server that refuses a minimal User is a setup problem said in one line. */
async function createSeeds(
  client: ScimClient,
  options: ResolvedLoadOptions,
  created: CreatedResources,
): Promise<SeedUser[]> {
  const seeds: SeedUser[] = [];
  for (let i = 0; i < SEED_USERS; i++) {
    const userName = `${options.runPrefix}s${i}@example.com`;
    const response = await client.post('/Users', userBody(userName)).catch((error: unknown) => {
      throw new LoadError(
        'LOAD_UNREACHABLE',
        `POST /Users for a seed user got no answer (${String(error)}); check the server is up`,
      );
    });
    const id = createdId(response);
    if (id === undefined)
      throw new LoadError(
        'LOAD_SETUP',
        `POST /Users of a minimal User (userName, name, emails) answered ${answerInWords(response)}; the lookup and patch workloads need users to work on (or leave them out with --workloads create,list)`,
      );
    created.add('Users', id);
    seeds.push({ id, userName });
  }
  return seeds;
}

/** Why the server no longer answers (a cheap read, tried twice), or undefined when it does. */
async function stillAnswers(client: ScimClient): Promise<string | undefined> {
  let failure = '';
  // Twice: a keep-alive socket the server closed while the load ran fails once, then a new one works.
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await client.get('/Users', { query: { count: 1 } });
      return undefined;
    } catch (error) {
      failure = error instanceof Error ? error.message : String(error);
    }
  }
  return `GET /Users got no answer after the load (${failure}); check the server is up`;
}

/**
 * Runs the load and its probes against `options.scimUrl`; resolves to the report (its exit code
 * by {@link loadExitCode}). Throws a LoadError, before sending any load, when the server cannot
 * be used as given.
 */
export async function runLoad(given: LoadOptions): Promise<LoadReport> {
  const options = resolveLoadOptions(given);
  const client = loadClient(options);
  const startedAt = new Date().toISOString();
  options.onProgress(`checking ${reportTarget(options.scimUrl)}`);
  await preflight(client);
  const created = new CreatedResources();
  const workloads: WorkloadResult[] = [];
  const probes: ProbeResult[] = [];
  let stalled: string | undefined;
  let failure: unknown;
  try {
    const needsSeeds = options.workloads.some((w) => w === 'lookup' || w === 'patch');
    const seeds = needsSeeds ? await createSeeds(client, options, created) : [];
    for (const workload of options.workloads) {
      options.onProgress(`${workload}: ${options.durationSeconds} s on ${options.connections} connections`);
      workloads.push(await runWorkload(workload, { options, seeds, created }));
    }
    stalled = await stillAnswers(client);
    if (stalled === undefined) {
      probes.push(await duplicateCreateRace(client, options, created));
      probes.push(await lostMemberRace(client, options, created));
      stalled = await stillAnswers(client);
    }
  } catch (error) {
    failure = error;
  }
  // Whatever happened, what the load created goes.
  options.onProgress('removing what the load created');
  const cleanup = await removeCreated(client, created, options.runPrefix, Math.min(options.connections, 20));
  if (failure instanceof LoadError && cleanup.notRemoved.length > 0)
    throw new LoadError(
      failure.code,
      `${failure.message} (${cleanup.notRemoved.length} resources it created could not be removed: ${cleanup.notRemoved
        .slice(0, 3)
        .map((left) => `/${left.collection}/${left.id}`)
        .join(', ')}${cleanup.notRemoved.length > 3 ? '…' : ''})`,
    );
  if (failure !== undefined) throw failure;
  return {
    tool: 'sso-harness load',
    target: reportTarget(options.scimUrl),
    startedAt,
    finishedAt: new Date().toISOString(),
    settings: reportSettings(options),
    workloads,
    probes,
    cleanup: { ...cleanup, created: created.entries().length },
    verdict: probes.some((probe) => probe.verdict === 'failed') ? 'failed' : 'passed',
    ...(stalled === undefined ? {} : { stalled }),
  };
}
