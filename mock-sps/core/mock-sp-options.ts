/**
 * What a mock SP is built with and what its inspection API shows: the options, the state
 * dump, the inspection path, and the host an SP answers on.
 */

import type { FetchLike, JsonObject } from '#harness/scim';
import type { Chaos } from './chaos.js';
import type { SpFault } from './fault.js';
import type { SpProfile } from './profile.js';
import type { SamlFault } from './saml-faults.js';
import type { SamlSession } from './saml/pages.js';

export interface MockSpOptions {
  /**
   * SCIM faults to turn on, by id (the core's and the app's, `SCIM_FAULTS`) or as records;
   * an unknown id is a TypeError. @default none: the SP is strict
   */
  faults?: Iterable<string | SpFault>;
  /**
   * SAML faults to turn on, by id or as records; an unknown id is a TypeError.
   * @default none: the SP is strict
   */
  samlFaults?: Iterable<SamlFault | SpFault>;
  /** The fetch the SP uses to import IdP metadata from a URL (INT-02). @default globalThis.fetch */
  fetch?: FetchLike;
  /**
   * Origin the SP answers on: an `http://127.0.0.1:PORT` server, or a virtual host
   * reached in-process. @default `https://<profile.scim.host>`, else `https://<profile.saml.host>`
   */
  origin?: string;
  /** The bearer token the SP issues. @default a random token, as the SP generates one (INT-01) */
  token?: string;
  /**
   * The token the inspection API over HTTP asks for (`Authorization: Bearer <token>`).
   * @default a random token, read from `MockSp.inspectionToken`
   */
  inspectionToken?: string;
  /** @default () => new Date() */
  now?: () => Date;
  /** @default crypto.randomUUID */
  newId?: () => string;
  /**
   * Largest request body accepted, in bytes, and advertised as bulk.maxPayloadSize.
   * @default the profile's `scim.maxPayloadSize`, else DEFAULT_BODY_LIMIT (1 MiB)
   */
  bodyLimit?: number;
  /** The region whose host the SP answers on (ScimProfile.regions: PCO-02, SPK-03). @default the profile's host */
  region?: string;
  /** Replaces `{tenant}` in a regional host (SPK-03 enterprise). @default 'acme' */
  tenant?: string;
  /**
   * Seeded chaos in front of the SCIM endpoints (`--chaos`), one instance per SP; it never
   * touches the SAML endpoints or the inspection API, and acts through `handleAsync` only.
   * @default none
   */
  chaos?: Chaos;
}

/** A resource as the inspection API shows it: the SCIM part and the SP's own fields. */
export interface InspectedResource {
  id: string;
  resource: JsonObject;
  local: JsonObject;
}

export interface MockSpState {
  users: InspectedResource[];
  groups: InspectedResource[];
  /** Open SSO sessions, for an SP with a SAML side: who is signed in (docs/conformance.md "Verdicts"). */
  sessions?: SamlSession[];
}

/** Path prefix of the inspection API, outside every SCIM base path. */
export const INSPECTION_PATH = '/__sso-harness';

/** The host the SP answers on: its region's (a tenant filled in), or its profile's. */
export function defaultHost(profile: SpProfile, options: MockSpOptions): string {
  const regions = profile.scim?.regions;
  if (options.region !== undefined) {
    const host = regions?.[options.region];
    if (host === undefined) {
      const known = Object.keys(regions ?? {});
      throw new TypeError(
        `${profile.name} has no region '${options.region}'; ${known.length > 0 ? `choose from ${known.join(', ')}` : 'it has one host only'}`,
      );
    }
    return host.replace('{tenant}', options.tenant ?? 'acme');
  }
  return profile.scim?.host ?? profile.saml?.host ?? `${profile.id}.sso-harness.test`;
}
