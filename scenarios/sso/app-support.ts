/** Helpers the sso suite's IdP rows and app rows share. */
import { buildResponse, encodePost } from '#harness/saml';
import { type SsoEnvironment } from './environment.js';

export const requires = { saml: true, inspection: true } as const;
export const only = (sp: string) => ({ ...requires, sp }) as const;

/** The Response the IdP issued last (its own log keeps the XML it posted). */
export function lastIssued(env: SsoEnvironment): string {
  return env.web.log.issued().at(-1)?.responseXml ?? '';
}

/** Posts a Response to the SP's ACS as a browser would; answers the SP's last login record. */
export async function postToAcs(env: SsoEnvironment, xml: string) {
  const browser = env.browser();
  const before = env.sp.loginHistory().length;
  const page = await browser.post(env.sp.saml!.acsUrl, { SAMLResponse: encodePost(xml) });
  return { page, login: env.sp.loginHistory().slice(before).at(-1) };
}

/** A validly signed Response from the reference IdP for `nameId`, with `overrides`. */
export async function signedResponse(
  env: SsoEnvironment,
  nameId: string,
  overrides: Partial<Parameters<typeof buildResponse>[0]> = {},
) {
  const settings = env.app.sso.settings;
  const user = {
    id: 'x',
    username: nameId,
    email: nameId,
    firstname: 'Test',
    lastname: 'User',
    suspended: false,
    passwordExpired: false,
  };
  const content = env.app.sso.assertionFor(user as never);
  const { xml } = await buildResponse(
    {
      issuer: settings.idpEntityId,
      destination: env.sp.saml!.acsUrl,
      audience: settings.spEntityId ?? '',
      nameId: { value: nameId, format: content.nameId.format },
      attributes: content.attributes,
      now: new Date(),
      ...overrides,
    },
    {
      key: await env.idp.keys(),
      signAssertion: settings.signAssertion,
      signResponse: settings.signResponse,
      algorithm: settings.algorithm,
    },
  );
  return xml;
}
