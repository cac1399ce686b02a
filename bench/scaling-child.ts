/**
 * Bench scaling child: one phase at one size, in a process of its own, so its peak RSS is that
 * phase's alone. Prints one JSON line ({@link PhaseFigures}) on stdout. See bench/scaling.ts.
 *
 *   TSX_TSCONFIG_PATH=tsconfig.tools.json node --expose-gc --import tsx bench/scaling-child.ts sync|import <users>
 *
 * - sync: a directory of <users> seeded people in teams of 100, every team bound to Interact, as
 *   the resilience suite's initial sync builds it (scenarios/resilience/sync.ts); then provisioning
 *   is turned on. Timed: `activateIdm`, i.e. the connection test and the initial sync of every
 *   user and team through the reference connector, to the mock SP in-process (no socket).
 * - import: <users> seeded people created in the Interact mock SP as its admin does (`sp.seedUser`
 *   with scenarios/import/support.ts's body), then the IdP's Manual Import (IDP-IDM-08). Timed:
 *   `list()` over every page and `import()` of every New user, to the end of its background run.
 *
 * Before the timed run the same phase runs once at {@link WARMUP_USERS} users (`SCALING_WARMUP`,
 * default 500) on an SP and IdP of its own, thrown away, so the JIT has compiled the code every size runs (otherwise the smallest
 * size pays for compiling and looks dearer per user than it is).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { dirname, join } from 'node:path';
import { DEFAULT_SEED, PersonFactory, type Person } from '#harness/people';
import { ReferenceIdp, manualImport, type ImportedUser } from '#harness/idp';
import type { JsonObject } from '#harness/scim';
import { MockSp, inProcessFetch } from '#mock-sps';
import { apps } from '#registry';
import { SCALING_PHASES, type PhaseFigures } from './scaling.js';

/** Users of the thrown-away warm-up run (SCALING_WARMUP). */
const WARMUP_USERS = Number(process.env.SCALING_WARMUP ?? 500);
/** Members per team group, as the resilience suite's sync. */
const TEAM_SIZE = 100;
const APP = apps.interact;

function people(count: number, seed = DEFAULT_SEED): Person[] {
  const factory = new PersonFactory(seed);
  return Array.from({ length: count }, () => factory.next());
}

/**
 * The V8 heap in use after full collections (the child runs with --expose-gc), each after a turn
 * of the event loop: what a WeakRef made in the current job holds is only released after it. Not
 * `external`: the SP holds no ArrayBuffers, and the ones the requests left are freed by a
 * background thread, after the collection, so that figure moves by megabytes on its own.
 */
async function settledMemory(): Promise<number> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run the child with node --expose-gc');
  for (let i = 0; i < 2; i++) {
    await new Promise((resolve) => setTimeout(resolve, 1));
    gc();
  }
  return process.memoryUsage().heapUsed;
}

/** Where to write a V8 CPU profile of each timed part, when set (bench/scaling.ts's SCALING_CPU_PROF). */
const PROFILE_DIR = process.env.SCALING_CHILD_PROFILE_DIR;

/** Runs `timed` and measures it, wall and CPU; with PROFILE_DIR, profiles it too. */
async function measured<T>(
  timed: () => Promise<T>,
  label: string,
): Promise<{ value: T; wallMs: number; cpuMs: number }> {
  await settledMemory();
  const profiler = PROFILE_DIR ? await startProfiler() : undefined;
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  const value = await timed();
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  const used = process.cpuUsage(cpu);
  await profiler?.(join(PROFILE_DIR!, `${label}.cpuprofile`));
  return { value, wallMs, cpuMs: (used.user + used.system) / 1e3 };
}

/** Starts the V8 profiler in this thread; the function returned stops it and writes the profile. */
async function startProfiler(): Promise<(path: string) => Promise<void>> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return async (path) => {
    const { profile } = await session.post('Profiler.stop');
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, JSON.stringify(profile));
    session.disconnect();
  };
}

/** Bytes per user the SP held: what full collections free once the holder drops the last reference to it. */
async function heldPerUser(holder: { sp: MockSp | undefined }, users: number): Promise<number> {
  holder.sp!.scim!.log.length = 0;
  const held = await settledMemory();
  holder.sp = undefined;
  return (held - (await settledMemory())) / users;
}

const newIdp = (sp: MockSp): ReferenceIdp => new ReferenceIdp({ fetch: inProcessFetch([sp]) });

interface Run {
  sp: MockSp | undefined;
  wallMs: number;
  cpuMs: number;
  problems: string[];
}

async function sync(everyone: readonly Person[]): Promise<Run> {
  const count = everyone.length;
  const sp = new MockSp(APP.sp);
  const idp = newIdp(sp);
  const app = idp.createApplication(APP.idp);
  const teams = Array.from({ length: Math.ceil(count / TEAM_SIZE) }, (_, i) =>
    idp.directory.createGroup(`Team ${String(i + 1).padStart(4, '0')}`),
  );
  for (const [i, person] of everyone.entries())
    idp.directory.addMember(teams[i % teams.length]!.id, idp.directory.createUser(person).id);
  for (const team of teams) await idp.bindGroup(app, team.id);
  const { wallMs, cpuMs } = await measured(
    () => idp.activateIdm(app, { baseUrl: sp.scimBaseUrl!, token: sp.token }),
    `sync-${count}`,
  );
  const problems: string[] = [];
  const stored = sp.scim!.users.store.size;
  if (stored !== count) problems.push(`the SP holds ${stored} users after the sync (expected ${count})`);
  let linked = 0;
  for (const link of app.users.values()) if (link.spId !== undefined && link.active) linked++;
  if (linked !== count) problems.push(`${linked} of ${count} users are linked and active in the app`);
  const groups = sp.scim!.groups!.store.size;
  if (groups !== teams.length) problems.push(`the SP holds ${groups} groups (expected ${teams.length})`);
  return { sp, wallMs, cpuMs, problems };
}

/** A user as an SP admin creates it (scenarios/import/support.ts `spUserBody`). */
function spUserBody(person: Person): JsonObject {
  return {
    userName: person.email,
    name: { givenName: person.firstname, familyName: person.lastname },
    displayName: `${person.firstname} ${person.lastname}`,
    emails: [{ value: person.email, type: 'work', primary: true }],
    active: true,
  };
}

async function importAll(everyone: readonly Person[]): Promise<Run> {
  const count = everyone.length;
  const sp = new MockSp(APP.sp);
  for (const person of everyone) sp.seedUser(spUserBody(person));
  const idp = newIdp(sp);
  const app = idp.createApplication(APP.idp);
  await idp.activateIdm(app, { baseUrl: sp.scimBaseUrl!, token: sp.token });
  const importer = manualImport(idp, app);
  const { value, wallMs, cpuMs } = await measured(async () => {
    const listing = await importer.list();
    const run = await importer.import(listing.newOnly());
    const results: ImportedUser[] = run.mode === 'synchronous' ? run.results : await run.done;
    return { listing, results };
  }, `import-${count}`);
  const { listing, results } = value;
  const problems: string[] = [];
  if (listing.users.length !== count)
    problems.push(`the listing offered ${listing.users.length} users (expected ${count})`);
  const created = results.filter((result) => result.outcome === 'created').length;
  if (created !== count) problems.push(`${created} of ${count} users were created in the directory`);
  if (idp.directory.users.size !== count)
    problems.push(`the directory holds ${idp.directory.users.size} users (expected ${count})`);
  return { sp, wallMs, cpuMs, problems };
}

async function main(phase: string | undefined, users: number): Promise<PhaseFigures> {
  if (!Number.isSafeInteger(users) || users < 1)
    throw new Error(`expected a number of users from 1 (found '${process.argv[3]}')`);
  if (phase !== 'sync' && phase !== 'import')
    throw new Error(`expected a phase, one of ${SCALING_PHASES.join(', ')} (found '${phase}')`);
  const run = phase === 'sync' ? sync : importAll;
  // Other people than the measured ones, so the warm-up leaves nothing the run could reuse.
  const warmup = await run(people(WARMUP_USERS, DEFAULT_SEED + 1));
  if (warmup.problems.length > 0) throw new Error(`the warm-up went wrong: ${warmup.problems.join('; ')}`);
  warmup.sp = undefined;
  const result = await run(people(users));
  const spBytesPerUser = await heldPerUser(result, users);
  const { wallMs, cpuMs, problems } = result;
  const peakRssBytes = process.resourceUsage().maxRSS * 1024;
  return { phase, users, wallMs, cpuMs, peakRssBytes, spBytesPerUser, problems };
}

try {
  console.log(JSON.stringify(await main(process.argv[2], Number(process.argv[3]))));
} catch (error) {
  console.error(
    `bench scaling child failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
  );
  process.exitCode = 1;
}
