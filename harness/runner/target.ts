/**
 * What a run is pointed at: a mock SP (fresh for every scenario, reached in-process
 * or over HTTP) or an external SCIM service named by URL and token.
 */
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
  /** The inspection API (typed by mock-sps; the runner only passes it on). */
  inspect: unknown;
  /**
   * Adds a party (the reference IdP's web side) to the instance's network, in-process
   * or served on loopback, and returns it; `create` gets the origin it will answer on.
   */
  attach?(create: (origin: string) => OriginHandler): Promise<OriginHandler>;
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
}
