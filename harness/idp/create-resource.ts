/**
 * The create the reference and dialect connectors share for users and groups. A create that
 * timed out or got a 5xx may have been stored all the same, so the resource is looked up
 * before the create is sent again: a resend never makes a second user or group.
 * @see IDP-IDM-12
 */
import { ScimTransportError, type JsonObject, type ScimResponse } from '#harness/scim';
import { ConnectorError, type ConnectorContext } from './connector.js';
import { idOf, ok } from './dialect-request.js';
import type { InsightsEvent } from './events.js';

export interface ResourceCreate {
  readonly endpoint: '/Users' | '/Groups';
  /** What the create is, for messages: "Creating ada@example.com". */
  readonly what: string;
  readonly event: 'user_create_provision' | 'group_create_provision';
  readonly subject: InsightsEvent['resource'];
  readonly body: JsonObject;
  /** How many times the create is sent in all; with 1 a failure is not looked up. */
  readonly attempts: number;
  /** The SP id of the resource stored under the name being created, if any. */
  lookUp(): Promise<string | undefined>;
  /** Runs after a failed attempt, before its lookup: e.g. waits out a Retry-After. */
  beforeLookUp?(answer: ScimResponse | undefined): Promise<void>;
}

const plural = (count: number, noun: string): string => `${count} ${noun}${count === 1 ? '' : 's'}`;

/** Creates the resource; returns its SP id. Throws a ConnectorError once every attempt failed. */
export async function createResource(ctx: ConnectorContext, create: ResourceCreate): Promise<string> {
  const { endpoint, what, attempts } = create;
  const log = (outcome: 'success' | 'failure', detail: string): void =>
    ctx.log({ event_type: create.event, outcome, resource: create.subject, detail });
  let outcome = '';
  for (let attempt = 1; attempt <= attempts; attempt++) {
    let created: ScimResponse | undefined;
    try {
      created = await ctx.scim.post(endpoint, create.body);
    } catch (error) {
      if (!(error instanceof ScimTransportError)) throw error;
      outcome = `POST ${endpoint} failed: ${error.message}`;
    }
    if (created?.status === 201) {
      const spId = idOf(created, what);
      log('success', `created ${spId}`);
      return spId;
    }
    if (created !== undefined && created.status < 500) {
      log('failure', `POST ${endpoint} answered ${created.status}`);
      ok(created, what, [201]);
    }
    if (created !== undefined) outcome = `POST ${endpoint} answered ${created.status}`;
    if (attempts === 1) break;
    await create.beforeLookUp?.(created);
    const stored = await create.lookUp();
    if (stored !== undefined) {
      log('success', `${outcome}, but the lookup found it stored as ${stored}; not created again`);
      return stored;
    }
  }
  log('failure', `${outcome} (${plural(attempts, 'attempt')})`);
  // What happens next is the caller's to say: a provisioning pass keeps what failed for its retries.
  throw new ConnectorError(`${what} failed ${plural(attempts, 'time')} (last: ${outcome})`);
}
