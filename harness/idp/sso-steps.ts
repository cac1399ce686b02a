/**
 * The SSO side's named steps: who may sign in, whether an application answers, what a
 * Response answers, the slug rule, the attribute statement and the Response builder. The
 * strict code calls them; a fault replaces or wraps one (docs/decisions/0012-faults-wrap.md).
 * @see IDP-SSO-01, -03, -04, -05, -06, -07, -08
 */
import { buildResponse, type SamlAttribute } from '#harness/saml';
import type { Application } from './application.js';
import type { DirectoryUser } from './directory.js';
import { IdpError } from './errors.js';
import type { ReferenceIdp } from './reference-idp.js';
import type { ResolvedAttributeRow, SsoSource } from './sso-settings.js';

/** The steps of one application's SSO configuration (ApplicationSso). */
export interface SsoSteps {
  /** IDP-SSO-01: the slug an edit asks for; the SSO IdP URL is fixed at creation, so always refused. */
  changeSlug(app: string, current: string, wanted: string): string;
  /** IDP-SSO-06: the attribute statement for `user`; rows toggled off and empty values are left out. */
  attributeStatement(rows: readonly ResolvedAttributeRow[], user: DirectoryUser): SamlAttribute[];
  /** IDP-SSO-06, -07: builds the signed (and, given a certificate, encrypted) Response. */
  buildResponse: typeof buildResponse;
}

/** The steps of signing in (the IdP and its web side). */
export interface SignInSteps {
  /** IDP-SSO-03: only an active (not suspended, password not expired) member of a bound group. */
  mayUseSso(idp: ReferenceIdp, app: Application, userId: string): boolean;
  /** IDP-SSO-08: whether the application answers sign-ins (not after "Deactivate SSO"). */
  ssoEnabled(app: Application): boolean;
  /** IDP-SSO-04, -05: the InResponseTo of a Response: the request's ID, none when unsolicited. */
  inResponseTo(requestId: string | undefined, newId: () => string): string | undefined;
  /** IDP-SLO-01: the applications a Single Logout sends a LogoutRequest to, of those the session signed in to. */
  logoutParticipants(slugs: readonly string[]): string[];
  /** IDP-SLO-01: whether an application's LogoutRequest ends the IdP session (before the IdP answers Success). */
  spLogoutEndsSession: boolean;
}

/** The value a NameID or attribute source gives for `user`; undefined when empty. */
export function valueOf(user: DirectoryUser, source: SsoSource): string | undefined {
  if ('constant' in source) return source.constant;
  const value = user[source.property];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The refusal of a slug edit (IDP-SSO-01), saying how to get the wanted slug. */
export function slugImmutable(app: string, current: string, wanted: string): IdpError {
  return new IdpError(
    `The SSO IdP URL slug '${current}' of ${app} cannot be edited after the application is created (IDP-SSO-01); to use '${wanted}', delete the application and recreate it with that slug`,
  );
}

/** The strict SSO configuration steps. */
export const SSO_STEPS: SsoSteps = {
  changeSlug(app, current, wanted) {
    throw slugImmutable(app, current, wanted);
  },
  attributeStatement: (rows, user) =>
    rows.flatMap((row) => {
      const value = row.enabled === false ? undefined : valueOf(user, row.source);
      if (value === undefined) return [];
      return [{ name: row.name, values: [value], ...(row.nameFormat ? { nameFormat: row.nameFormat } : {}) }];
    }),
  buildResponse,
};

/** The strict sign-in steps. */
export const SIGN_IN_STEPS: SignInSteps = {
  mayUseSso(idp, app, userId) {
    const user = idp.directory.users.get(userId);
    return (
      user !== undefined &&
      !user.suspended &&
      !user.passwordExpired &&
      idp.applications.get(app.name) === app &&
      idp.entitled(app, userId)
    );
  },
  ssoEnabled: (app) => app.sso.enabled,
  inResponseTo: (requestId) => requestId,
  logoutParticipants: (slugs) => [...slugs],
  spLogoutEndsSession: true,
};
