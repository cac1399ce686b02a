/**
 * What a run is pointed at: a mock SP (fresh for every scenario, reached in-process
 * or over HTTP) or an external SCIM service named by URL and token.
 */
import type { HttpExchange } from '#harness/evidence';
import type { OriginHandler } from '#harness/http';
import type { FetchLike } from '#harness/scim';
import type { AdvertisedFeature } from './scenario.js';

export interface Capabilities {
  scim: boolean;
  /** A SAML SP the reference IdP can sign in to. */
  saml: boolean;
  groups: boolean;
  inspection: boolean;
  provisioning: boolean;
  /** Whether DELETE /Users is supported; an app that only deactivates says false (PCO-07). @default true */
  deleteUsers?: boolean;
  advertised: Record<AdvertisedFeature, boolean>;
}

/** A mock SP instance as a scenario sees it: the inspection API included. */
export interface MockInstance {
  scimBaseUrl: string | undefined;
  token: string;
  fetch: FetchLike;
  /** How long one SCIM request may take before it counts as unanswered. @default 10000 */
  requestTimeoutMs?: number;
  /** The inspection API (typed by mock-sps; the runner only passes it on). */
  inspect: unknown;
  /**
   * Adds a party (the reference IdP's web side) to the instance's network, in-process
   * or served on loopback, and returns it; `create` gets the origin it will answer on.
   */
  attach?(create: (origin: string) => OriginHandler): Promise<OriginHandler>;
  /**
   * Sends every exchange on the SCIM base URL to `record` as the SP served it, whoever sent it;
   * a mock SP has one. The context then records no exchange of its own on that URL.
   */
  tap?(record: (exchange: HttpExchange) => void): void;
  close(): Promise<void>;
}

export interface Target {
  /** The SP id in reports. */
  sp: string;
  kind: 'mock' | 'external';
  transport: 'in-process' | 'http';
  capabilities: Capabilities;
  /** The SCIM base URL reports show (mock instances get fresh ones per scenario). */
  scimBaseUrl?: string;
  /** Work worth doing once, concurrently with the other targets' (generating the keys the run will use). */
  prepare?(): Promise<void>;
  /** A fresh instance for one scenario. */
  open(): Promise<MockInstance>;
  /**
   * The IdP dialect the reference IdP speaks to this target (`entra`, `okta`…); results carry it,
   * and the report's compatibility matrix is built from it. @default the reference IdP's own
   */
  dialect?: string;
  /** The suites this target runs; others are left out of the run for it (not even not applicable). @default all */
  suites?: readonly string[];
  /** What every name a check creates starts with (`sso-harness-`), so a shared tenant can be swept. @default none */
  prefix?: string;
  /** Leaves what the checks created in place instead of removing it (for debugging). @default false */
  keep?: boolean;
}
