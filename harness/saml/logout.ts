/**
 * Single Logout: the LogoutRequest an IdP sends a session participant to end a principal's
 * session there. Signed for the POST binding with `signXml`, for the Redirect binding through
 * `encodeRedirect`.
 * @see SAML 2.0 Core §3.7.1 (LogoutRequest), §3.7.3.2 (session participant rules);
 *   SAML 2.0 Profiles §4.4.4.1 (LogoutRequest usage)
 */
import { protocolRequest } from './authn-request.js';
import { NAMEID_FORMAT, writeElement } from './response.js';

/** What a LogoutRequest says. */
export interface LogoutRequestInput {
  /** The sender's entity ID. */
  issuer: string;
  /** The recipient's SingleLogoutService URL. */
  destination: string;
  /** The principal whose session ends, as the assertion named it. */
  nameId: { value: string; format?: string };
  /** The session of the assertion's AuthnStatement, when known. */
  sessionIndex?: string;
  now: Date;
  /** @default newSamlId() */
  id?: string;
}

/** An unsigned samlp:LogoutRequest and its ID. */
export function buildLogoutRequest(input: LogoutRequestInput): { xml: string; id: string } {
  return protocolRequest(
    'samlp:LogoutRequest',
    input,
    {},
    writeElement('saml:Issuer', { Format: NAMEID_FORMAT.entity }, input.issuer),
    writeElement(
      'saml:NameID',
      { Format: input.nameId.format ?? NAMEID_FORMAT.unspecified },
      input.nameId.value,
    ),
    input.sessionIndex === undefined ? undefined : writeElement('samlp:SessionIndex', {}, input.sessionIndex),
  );
}
