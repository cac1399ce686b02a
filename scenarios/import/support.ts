/**
 * What the import checks share: SP users seeded as an SP admin creates them, and the
 * Manual Import of the scenario's app.
 */
import { createHash } from 'node:crypto';
import { manualImport, type DirectoryUserFields, type ManualImport } from '#harness/idp';
import { PersonFactory } from '#harness/people';
import type { JsonObject } from '#harness/scim';
import type { ScenarioContext } from '#harness/runner';
import type { MockSp } from '#mock-sps';
import type { Provisioning } from '../support.js';

/** A user as an SP admin creates it: the person's email as userName (no '+', which Salesforce refuses). */
export function spUserBody(person: DirectoryUserFields, overrides: JsonObject = {}): JsonObject {
  return {
    userName: person.email,
    name: { givenName: person.firstname, familyName: person.lastname },
    displayName: `${person.firstname} ${person.lastname}`,
    emails: [{ value: person.email, type: 'work', primary: true }],
    active: true,
    ...overrides,
  };
}

export interface SeededUser {
  person: DirectoryUserFields;
  spId: string;
}

/**
 * `count` seeded people for bulk imports, from a PersonFactory whose seed is drawn from the
 * scenario's own seeded people. The run repeats a scenario on every SP with the same seed, so a
 * batch is generated once per scenario and run, not once per SP (faker is the costly part).
 */
function bulkPeople(ctx: ScenarioContext, count: number): readonly DirectoryUserFields[] {
  const seed = Number.parseInt(
    createHash('sha256').update(ctx.people.next().email).digest('hex').slice(0, 8),
    16,
  );
  const key = `${seed}:${count}`;
  let batch = batches.get(key);
  if (!batch) {
    const factory = new PersonFactory(seed);
    batch = Array.from({ length: count }, () => factory.next());
    if (batches.size >= 16) batches.clear();
    batches.set(key, batch);
  }
  return batch;
}

const batches = new Map<string, readonly DirectoryUserFields[]>();

/** Creates `count` users in the SP outside SCIM, from seeded people. */
export function seedSpUsers(ctx: ScenarioContext, sp: MockSp, count: number): SeededUser[] {
  const people = count > 10 ? bulkPeople(ctx, count) : Array.from({ length: count }, () => ctx.people.next());
  return people.map((person) => ({ person, spId: sp.seedUser(spUserBody(person)) }));
}

/** The Manual Import of the scenario's app. */
export function importerOf(setup: Provisioning): ManualImport {
  return manualImport(setup.idp, setup.app);
}

/** Directory users whose username or email is `email` (case-insensitive). */
export function directoryUsersNamed(setup: Provisioning, email: string): string[] {
  const wanted = email.toLowerCase();
  return [...setup.idp.directory.users.values()]
    .filter((user) => user.username.toLowerCase() === wanted || user.email.toLowerCase() === wanted)
    .map((user) => user.id);
}

/** Why an IdP call failed, for a verdict. */
export const reason = (error: unknown): string => (error instanceof Error ? error.message : String(error));
