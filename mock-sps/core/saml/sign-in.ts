/**
 * The SP's own sign-in page: the button to its IdP (INT-02, straight to the IdP with auto-login),
 * and the password form, refused where the SP signs users in only through the IdP (SF-17).
 */
import type { CoreResponse } from '../http.js';
import type { SamlProfile } from '../profile.js';
import type { IdpSettings } from './idp-settings.js';
import { messagePage, signInPage } from './pages.js';

/** What the sign-in page reads of the SP. */
export interface SignInContext {
  appName: string;
  saml: SamlProfile;
  idp: IdpSettings | undefined;
  ssoEnabled: boolean;
}

/** INT-02: with the IdP as default provider and auto-login, the sign-in page goes straight to the IdP. */
export function signIn(ctx: SignInContext, paths: { login: string; signIn: string }): CoreResponse {
  const { appName, saml, idp } = ctx;
  const sso = idp !== undefined && ctx.ssoEnabled && saml.spInitiated !== undefined;
  if (sso && idp.autoLogin)
    return { status: 302, headers: { location: paths.login, 'cache-control': 'no-store' } };
  const name = saml.signIn.loginButton ? (idp?.name ?? 'your identity provider') : 'SSO';
  return signInPage(appName, {
    ...(sso ? { button: { name, href: paths.login } } : {}),
    loginForm: saml.signIn.loginForm,
    formAction: paths.signIn,
  });
}

/** SF-17: with the login form disabled, a password login is refused; the mock keeps no passwords anyway. */
export function passwordLogin(appName: string, saml: SamlProfile): CoreResponse {
  if (!saml.signIn.loginForm) {
    return messagePage(
      403,
      'Login form disabled',
      `${appName} signs users in only through the identity provider (SF-17)`,
    );
  }
  return messagePage(401, 'Login failed', 'Unknown username or password (the mock keeps no passwords)');
}
