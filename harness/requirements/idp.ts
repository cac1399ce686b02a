/**
 * The reference IdP's rows (modelled on JumpCloud's SSO and Identity Management as its
 * integration guides document them): SSO URLs, metadata, access, flows and assertions
 * (IDP-SSO-*), and the SCIM client's lifecycle (IDP-IDM-*).
 */
import { GUIDES, INTERACT_GUIDE, PROFITCO_GUIDE, SPARKPOST_GUIDE } from './guides.js';
import { defineRequirements } from './types.js';

export const IDP_REQUIREMENTS = defineRequirements([
  {
    id: 'IDP-SSO-01',
    level: 'DOC',
    text: "IdP SSO URL is `<idp-base>/saml2/<slug>`; the slug defaults to the application's name, is chosen at creation, is unique across applications, and cannot be edited afterwards (an edit is refused with an error that says to delete and recreate).",
    source: {
      document: GUIDES,
      section:
        'Creating a new JumpCloud Application Integration (the SSO IdP URL is not editable after the application is created)',
    },
  },
  {
    id: 'IDP-SSO-02',
    level: 'DOC',
    text: 'IdP metadata (EntityDescriptor, IDPSSODescriptor, signing certificate, SingleSignOnService for HTTP-Redirect and HTTP-POST) is served at a stable metadata URL and downloadable as `JumpCloud-<app>-metadata.xml`; the certificate is downloadable as `certificate.pem`.',
    source: {
      document: GUIDES,
      section: 'Configuring the SSO Integration: To configure JumpCloud (metadata, certificate.pem)',
    },
  },
  {
    id: 'IDP-SSO-03',
    level: 'DOC',
    text: 'Users are implicitly denied: only active members of a user group bound to the application get an assertion; anyone else gets an access-denied page and no assertion.',
    source: { document: GUIDES, section: 'Authorizing User SSO Access' },
  },
  {
    id: 'IDP-SSO-04',
    level: 'DOC',
    text: 'IdP-initiated: the user console lists the tiles of authorized applications; launching one POSTs a signed, unsolicited Response (no InResponseTo) to the ACS, with RelayState when configured.',
    source: { document: GUIDES, section: 'Validating SSO authentication workflow(s): IdP-initiated' },
  },
  {
    id: 'IDP-SSO-05',
    level: 'DOC',
    text: 'SP-initiated: AuthnRequest over HTTP-Redirect (DEFLATE, base64, optional detached signature) or HTTP-POST; the IdP checks the Issuer is the configured SP Entity ID and that the ACS URL is the registered one, verifies the request signature when an SP certificate is configured, and answers with InResponseTo set.',
    source: {
      document: GUIDES,
      section: 'Validating SSO authentication workflow(s): SP-initiated; SAML 2.0 Bindings §3.4, §3.5',
    },
  },
  {
    id: 'IDP-SSO-06',
    level: 'DOC',
    text: "Assertion per application config: NameID value and format, attribute statement from the mapping; JIT-required attributes can be toggled off and their JumpCloud attribute name or constant value changed, but not renamed or removed; signing of assertion and/or response with RSA-SHA256; the assertion encrypted to the SP's certificate when one is configured for encryption.",
    source: {
      document: GUIDES,
      section: 'Configuring the SSO Integration: To configure JumpCloud; Using JIT Provisioning',
    },
  },
  {
    id: 'IDP-SSO-07',
    level: 'MUST',
    text: 'Conditions: NotBefore / NotOnOrAfter window, SubjectConfirmationData Recipient = ACS and NotOnOrAfter, AudienceRestriction = SP Entity ID, AuthnStatement with SessionIndex, unique IDs.',
    source: {
      document: 'SAML 2.0 Profiles',
      section: '§4.1.4.2 (assertion content); JumpCloud assertions as observed',
    },
  },
  {
    id: 'IDP-SSO-08',
    level: 'DOC',
    text: 'Deactivating SSO stops both flows for that application; deleting the application removes it from the IdP and leaves provisioned users as they are in the SP.',
    source: {
      document: GUIDES,
      section: 'Removing the SSO Integration: To deactivate the SSO Integration; To delete the application',
    },
  },
  {
    id: 'IDP-SLO-01',
    level: 'MUST',
    text: "The IdP's metadata names a SingleLogoutService (HTTP-Redirect and HTTP-POST). A LogoutRequest from an application, signed by its SP certificate, ends the IdP session and the sessions at the other participants that take Single Logout, and is answered with a LogoutResponse signed by the IdP; signing out at the user console sends each participant a signed LogoutRequest first. An unsigned or foreign-signed LogoutRequest ends nothing.",
    source: {
      document: 'SAML 2.0 Profiles (OASIS saml-profiles-2.0-os)',
      section: '§4.4 (Single Logout Profile), §4.4.3, §4.4.4; Core §3.7.3.2',
    },
    assumed:
      "the JumpCloud guides do not document Single Logout; the reference IdP follows the SAML profile, takes the application's SP certificate as the key its messages are signed with, and sends its own messages by HTTP-Redirect",
  },
  {
    id: 'IDP-IDM-01',
    level: 'DOC',
    text: 'Activation takes a base URL and a token, tests the connection, and is refused (nothing saved as active) when the test fails; logs `idm_integration_activate`. The test creates a test user (and, with group management, a test group) and then deletes them, or deactivates the user where the SP does not support DELETE.',
    source: {
      document: GUIDES,
      section:
        'Configuring the Identity Management Integration: To configure JumpCloud (Activate, test connection)',
    },
  },
  {
    id: 'IDP-IDM-02',
    level: 'DOC',
    text: 'The token of an active integration cannot be changed in place: deactivate, update, reactivate (`idm_integration_reauth`, `idm_integration_update`, `idm_integration_delete`).',
    source: {
      document: INTERACT_GUIDE,
      section:
        'Prerequisites (to update the SCIM token, deactivate the IdM integration, update, reactivate); SCIM DI Integration Events',
    },
  },
  {
    id: 'IDP-IDM-03',
    level: 'DOC',
    text: 'When a user becomes an active member of a bound group, the IdP looks the user up in the SP (`userName eq`), creates the user if absent, otherwise takes the existing user over and updates it. Never two users for one directory user.',
    source: {
      document: GUIDES,
      section: 'Attribute Considerations; SCIM DI User Events (user_lookup_provision)',
    },
    assumed: 'the lookup is GET /Users?filter=userName eq (see IDP-IDM-13)',
  },
  {
    id: 'IDP-IDM-04',
    level: 'DOC',
    text: "Attribute changes in the directory are pushed to the SP, within each application's mapping and update rules.",
    source: { document: GUIDES, section: 'Attribute Mappings' },
  },
  {
    id: 'IDP-IDM-05',
    level: 'DOC',
    text: 'Suspending a user, or removing the user from every bound group, sets `active=false` in the SP (`user_deprovision`); deleting the user in the directory deletes it in the SP (`user_delete_provision`).',
    source: {
      document: PROFITCO_GUIDE,
      section:
        "Deactivate Users; the JumpCloud guides' SCIM DI User Events (user_deprovision, user_delete_provision)",
    },
  },
  {
    id: 'IDP-IDM-06',
    level: 'DOC',
    text: 'Unsuspending or re-binding a user sets `active=true` again.',
    source: { document: PROFITCO_GUIDE, section: 'Reactivate Users (assigned back to the user group)' },
  },
  {
    id: 'IDP-IDM-07',
    level: 'DOC',
    text: "Groups, when the app supports them and group management is enabled: empty groups are not created; an SP group whose displayName equals the directory group's name is taken over, not duplicated; membership syncs on every change; renaming is supported; a group unbound from the app stops syncing, stays as-is in the SP, and its members are deactivated unless they belong to another managed group; a group deleted in the directory is deleted in the SP with the same rule for its members; disabling group management leaves groups and memberships as-is and stops sending membership, while users stay managed.",
    source: {
      document: INTERACT_GUIDE,
      section:
        'Group Management Considerations: Enabling Group Management, Group Provisioning and Syncing, Group Deletion, Disabling Group Management',
    },
  },
  {
    id: 'IDP-IDM-08',
    level: 'DOC',
    text: "Manual import lists the SP's users (all pages), marks each New or Imported, offers a new-only view, imports the selected; up to 100 users the results come back at once, above 100 the import runs in the background and ends with a completion notification. Imported users are managed only once they belong to a bound group.",
    source: { document: GUIDES, section: 'Importing Users' },
  },
  {
    id: 'IDP-IDM-09',
    level: 'DOC',
    text: 'Optional attribute mappings can be excluded and restored to defaults; excluded attributes are never sent; no custom attribute can be added.',
    source: {
      document: SPARKPOST_GUIDE,
      section: 'Modifying User Attributes: To exclude user attributes, To include user attributes',
    },
  },
  {
    id: 'IDP-IDM-10',
    level: 'DOC',
    text: 'Every action logs a Directory Insights event with outcome and detail: `idm_integration_activate/update/reauth/delete`, `user_create_provision`, `user_update_provision`, `user_deprovision`, `user_delete_provision`, `user_lookup_provision`, `group_create_provision`, `group_update_provision`, `group_delete_provision`.',
    source: { document: GUIDES, section: 'SCIM Directory Insights Events' },
  },
  {
    id: 'IDP-IDM-11',
    level: 'DOC',
    text: 'Deactivating the IdM connection stops all provisioning; SP state is left as-is.',
    source: { document: GUIDES, section: 'Removing the Integration: To deactivate the IdM Integration' },
  },
  {
    id: 'IDP-IDM-12',
    level: 'DOC',
    text: 'assumed: 429 and 5xx are retried with backoff that honours Retry-After; a retry after a timed-out create never produces a duplicate (look up before re-creating).',
    source: { document: 'RFC 6585', section: '§4 (429 Too Many Requests, Retry-After); RFC 9110 §10.2.3' },
    assumed: 'the guides are silent on retries; a careful IdP retries 429 and 5xx with backoff',
  },
  {
    id: 'IDP-IDM-13',
    level: 'DOC',
    text: 'assumed wire dialect (public evidence is partial; keep every item a profile setting): `Authorization: Bearer <token>`; `Content-Type: application/scim+json`; lookup `GET /Users?filter=userName eq "<email>"`; updates as PATCH with one `replace` op per changed attribute; deactivation PATCH `active` false (a boolean); group member add `{"op":"add","path":"members","value":[{"value":"<id>"}]}`, sent again on later syncs, so it must be idempotent at the SP; member removal in the value-array form.',
    source: {
      document: 'RFC 7644',
      section: "§3.4.2.2 (filter), §3.5.2 (PATCH); JumpCloud's SCIM client as observed",
    },
    assumed: 'public evidence of the wire dialect is partial',
  },
  {
    id: 'IDP-IDM-14',
    level: 'DOC',
    text: "assumed: a group's membership reaches the SP whatever its size, and no request is larger than the SP accepts: the IdP creates a group with at most its per-request figure of members (or none) and sends the rest, like the adds and removals of a large sync, as PATCH operations of at most that many members each, so no request is refused with 413 Payload Too Large and every member arrives. An SP says what it accepts in /ServiceProviderConfig bulk.maxPayloadSize and answers a larger body 413 with a SCIM Error (no scimType).",
    source: {
      document: 'RFC 7644',
      section:
        '§3.12 (413 Payload Too Large), §3.5.2.1 (add to members), §3.7.4 (413 over maxPayloadSize); RFC 7643 §5 (bulk.maxPayloadSize)',
    },
    assumed:
      'the guides are silent on large groups; Okta documents a per-integration figure of 100 to 1000 membership changes per PATCH (default 100), AWS IAM Identity Center takes at most 100, and the reference IdP sends 100 unless the catalogue entry says otherwise',
  },
] as const);
