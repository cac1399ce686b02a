/**
 * What the dashboard shows, as JSON: the IdP's URLs, demo users and recent SSO events, and for
 * each SP its URLs, SCIM credential, faults, chaos, users, groups and login history. Session
 * cookies never appear; the SCIM credential and the inspection token do, since showing them is
 * the admin page's point.
 */
import type { Application, IdpWeb, SsoLogEntry } from '#harness/idp';
import { INSPECTION_PATH, SAML_PATHS, type LoginRecord, type MockSp } from '#mock-sps';
import type { JsonObject } from '#harness/scim';
import type { DemoUser } from './idp-side.js';
import type { ScimCredential, SpSlot } from './sp-slot.js';

/** The most users, groups, logins and SSO events one answer lists (the newest). */
const LIST_LIMIT = 200;
const HISTORY_LIMIT = 50;

export interface IdpApplicationView {
  id: string;
  name: string;
  slug: string;
  entityId: string;
  ssoUrl: string;
  metadataUrl: string;
  certificateUrl: string;
}

export interface IdpView {
  baseUrl: string;
  loginUrl: string;
  consoleUrl: string;
  password: string;
  users: { email: string; name: string }[];
  applications: IdpApplicationView[];
  /** Newest first, without the SAML messages. */
  events: Omit<SsoLogEntry, 'requestXml' | 'responseXml'>[];
}

export interface SpUserView {
  id: string;
  userName: string;
  name?: string;
  email?: string;
  active: boolean;
}

export interface SpView {
  id: string;
  name: string;
  base: string;
  /** 1, plus one per reset or fault switch. */
  generation: number;
  scim?: { baseUrl: string; credential: ScimCredential };
  /** The SP's inspection API (`/__sso-harness/state`, `/requests`, `/refused`, `/logins`) and its token. */
  inspection: { url: string; token: string };
  saml?: {
    metadataUrl: string;
    acsUrl: string;
    entityId: string;
    /** SP-initiated login, when the SP has one. */
    loginUrl?: string;
    signInUrl: string;
    resultUrl: string;
    idpInitiated: boolean;
    idp?: { ssoUrl: string; metadataUrl: string };
  };
  faultsOn: string[];
  chaos?: SpSlot['chaos'];
  users: SpUserView[];
  usersTotal: number;
  groups: { id: string; displayName: string; members: number }[];
  groupsTotal: number;
  /** Newest first. */
  logins: LoginRecord[];
  sessions: number;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The user's display name and first (or primary) email from its SCIM representation. */
function scimUser(id: string, resource: JsonObject): SpUserView {
  const name = resource.name as JsonObject | undefined;
  const emails = Array.isArray(resource.emails) ? (resource.emails as JsonObject[]) : [];
  const email = emails.find((entry) => entry.primary === true) ?? emails[0];
  const formatted =
    text(resource.displayName) ??
    text(name?.formatted) ??
    ([text(name?.givenName), text(name?.familyName)].filter(Boolean).join(' ') || undefined);
  return {
    id,
    userName: text(resource.userName) ?? '',
    ...(formatted === undefined ? {} : { name: formatted }),
    ...(text(email?.value) === undefined ? {} : { email: text(email?.value)! }),
    active: resource.active !== false,
  };
}

function users(sp: MockSp): SpUserView[] {
  if (sp.scim) return sp.state().users.map((user) => scimUser(user.id, user.resource));
  if (!sp.saml) return [];
  return sp.samlUsers().map((user) => {
    const name = [user.firstName, user.lastName].filter(Boolean).join(' ');
    return {
      id: user.id,
      userName: user.userName,
      ...(name === '' ? {} : { name }),
      ...(user.email === undefined ? {} : { email: user.email }),
      active: user.active,
    };
  });
}

/** One SP as the dashboard shows it. */
export function spView(slot: SpSlot, web: IdpWeb, application: Application | undefined): SpView {
  const sp = slot.sp;
  const state = sp.state();
  const everyone = users(sp);
  const groups = state.groups.map((group) => ({
    id: group.id,
    displayName: text(group.resource.displayName) ?? '',
    members: Array.isArray(group.resource.members) ? group.resource.members.length : 0,
  }));
  const saml = sp.saml;
  const credential = slot.credential;
  return {
    id: slot.app.id,
    name: slot.app.name,
    base: slot.base,
    generation: slot.generation,
    inspection: { url: `${slot.base}${INSPECTION_PATH}`, token: sp.inspectionToken },
    ...(sp.scimBaseUrl === undefined || credential === undefined
      ? {}
      : { scim: { baseUrl: sp.scimBaseUrl, credential }, chaos: slot.chaos }),
    ...(saml === undefined
      ? {}
      : {
          saml: {
            metadataUrl: `${slot.base}${SAML_PATHS.metadata}`,
            acsUrl: saml.acsUrl,
            entityId: saml.entityId,
            ...(sp.profile.saml?.spInitiated ? { loginUrl: `${slot.base}${SAML_PATHS.login}` } : {}),
            signInUrl: `${slot.base}${SAML_PATHS.signIn}`,
            resultUrl: `${slot.base}${SAML_PATHS.result}`,
            idpInitiated: sp.profile.saml?.idpInitiated ?? false,
            ...(application === undefined
              ? {}
              : { idp: { ssoUrl: web.urls(application).sso, metadataUrl: web.urls(application).metadata } }),
          },
        }),
    faultsOn: slot.faultsOn,
    users: everyone.slice(-LIST_LIMIT),
    usersTotal: everyone.length,
    groups: groups.slice(-LIST_LIMIT),
    groupsTotal: groups.length,
    logins: saml ? sp.loginHistory().slice(-HISTORY_LIMIT).reverse() : [],
    sessions: state.sessions?.length ?? 0,
  };
}

/** The IdP as the dashboard shows it. */
export function idpView(
  web: IdpWeb,
  demoUsers: readonly DemoUser[],
  applications: readonly { id: string; application: Application }[],
): IdpView {
  return {
    baseUrl: web.baseUrl,
    loginUrl: `${web.baseUrl}/login`,
    consoleUrl: `${web.baseUrl}/console`,
    password: demoUsers[0]?.password ?? '',
    users: demoUsers.map((user) => ({ email: user.email, name: user.name })),
    applications: applications.map(({ id, application }) => {
      const urls = web.urls(application);
      return {
        id,
        name: application.name,
        slug: application.sso.slug,
        entityId: application.sso.settings.idpEntityId,
        ssoUrl: urls.sso,
        metadataUrl: urls.metadata,
        certificateUrl: urls.certificate,
      };
    }),
    events: web.log.entries
      .slice(-HISTORY_LIMIT)
      .reverse()
      .map(({ requestXml: _request, responseXml: _response, ...entry }) => entry),
  };
}
