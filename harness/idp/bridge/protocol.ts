/**
 * The connector bridge's wire, protocol `sso-harness-connector/1`: the events the harness
 * POSTs to a connector in any language, and the answers it takes back, both described by
 * connector-bridge.schema.json (published with the package). Answers are validated against
 * the schema, so a connector's mistake is named field by field.
 * @see docs/decisions/0023-connector-bridge.md
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import type { JsonObject } from '#harness/scim';
import type { DirectoryUser } from '../directory.js';
import type { InsightsEvent } from '../events.js';
import type { AttributeMapping } from '../mapping.js';
import schema from './connector-bridge.schema.json' with { type: 'json' };

export const BRIDGE_PROTOCOL = 'sso-harness-connector/1';

/** The JSON Schema (draft 2020-12) of the bridge's events and answers. */
export const bridgeSchema = schema;

export type BridgeEventType =
  'connection.test' | 'user.provision' | 'user.deprovision' | 'user.delete' | 'group.sync' | 'group.delete';

/** One event, as POSTed. */
export interface BridgeEvent {
  protocol: typeof BRIDGE_PROTOCOL;
  id: string;
  event: BridgeEventType;
  app: {
    name: string;
    scim: { baseUrl: string; token: string; refreshUrl?: string };
    mappings: readonly AttributeMapping[];
    excluded: string[];
  };
  user?: DirectoryUser;
  link?: { spId?: string; lastSent?: JsonObject };
  spId?: string;
  group?: { id: string; name: string };
  members?: string[];
  groupLink?: { spId?: string; lastMembers?: string[] };
  options?: { groups: boolean; deleteUsers: boolean };
}

/** A connector's answer, once it holds to the schema. */
export interface BridgeAnswer {
  ok: boolean;
  error?: string;
  link?: { spId?: string; lastSent?: JsonObject; lastMembers?: string[] };
  events?: Pick<InsightsEvent, 'event_type' | 'outcome' | 'detail'>[];
}

let validators: { event: ValidateFunction; answer: ValidateFunction } | undefined;

function compiled(): { event: ValidateFunction; answer: ValidateFunction } {
  if (!validators) {
    // Strict, but a `required` inside if/then may name properties declared beside it (strictRequired off),
    // and a constant may be a string, a Boolean or null (allowUnionTypes).
    const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
    ajv.addSchema(schema);
    validators = {
      event: ajv.getSchema(`${schema.$id}#/$defs/event`)!,
      answer: ajv.getSchema(`${schema.$id}#/$defs/answer`)!,
    };
  }
  return validators;
}

const describe = (errors: ErrorObject[] | null | undefined): string =>
  (errors ?? [])
    .slice(0, 5)
    .map((error) => `${error.instancePath || '/'} ${error.message ?? 'is invalid'}`)
    .join('; ');

/** What is wrong with `value` as an event; undefined when it holds to the schema. */
export function eventProblems(value: unknown): string | undefined {
  const validate = compiled().event;
  return validate(value) ? undefined : describe(validate.errors);
}

/** What is wrong with `value` as an answer; undefined when it holds to the schema. */
export function answerProblems(value: unknown): string | undefined {
  const validate = compiled().answer;
  return validate(value) ? undefined : describe(validate.errors);
}
