/**
 * The SP admin's "identity provider" settings: imported from a metadata URL
 * (INT-02), parsed from uploaded metadata (SPK-01), or typed in (OUT-02,
 * PCO-01, SPK-01's fallback), each only where the app's profile offers it.
 */
import { BINDING, base64ToPem, parseIdpMetadata, pemToBase64, x509Of, type IdpMetadata } from '#harness/saml';
import type { FetchLike } from '#harness/scim';
import type { IdpConfigMethod, ManualIdpField, SamlProfile } from '../profile.js';

/** What the admin enters; `configureIdp` on MockSp takes it. */
export interface IdpSettingsInput {
  /** IdP metadata XML, uploaded (SPK-01). */
  metadataXml?: string;
  /** IdP metadata URL, imported (INT-02). */
  metadataUrl?: string;
  /** Issuer / IdP Entity ID, typed in (OUT-02, PCO-01). */
  entityId?: string;
  /** IdP sign-in URL (OUT-02; SPK-01 "SAML 2.0 Endpoint"; SF-14 "Identity Provider Login URL"). */
  ssoUrl?: string;
  /** The IdP certificate, PEM or bare base64 as copied from metadata (OUT-02, PCO-01, SPK-01). */
  certificatePem?: string;
  /** The IdP's name: the login button label (INT-02), the SSO group name (SPK-01). */
  name?: string;
  /** The IdP's Single Logout URL, typed in (Salesforce's "Identity Provider Single Logout URL"). */
  sloUrl?: string;
  /** Make the IdP the default provider with auto-login (INT-02). @default false */
  autoLogin?: boolean;
}

/** The settings the SP holds. */
export interface IdpSettings {
  /** How they were entered. */
  methods: IdpConfigMethod[];
  name?: string;
  /** Absent only where the form does not ask for it (SPK-01 by hand): the Issuer is then not compared. */
  entityId?: string;
  ssoUrls: { redirect?: string; post?: string };
  /** Trusted signing certificates (PEM). */
  certificates: string[];
  /** The certificate is the setup placeholder: every assertion is refused until it is replaced (SF-16). */
  placeholder: boolean;
  autoLogin: boolean;
  metadataUrl?: string;
  /** Where the SP sends its Single Logout messages (HTTP-Redirect), when it has Single Logout. */
  sloUrl?: string;
}

const MANUAL_INPUT: Record<Exclude<ManualIdpField, 'name'>, keyof IdpSettingsInput> = {
  entityId: 'entityId',
  ssoUrl: 'ssoUrl',
  certificate: 'certificatePem',
  sloUrl: 'sloUrl',
};

/** A certificate in PEM (normalised armour), from PEM or bare base64; TypeError if it is not X.509. */
export function normaliseCertificate(text: string): string {
  const pem = base64ToPem(text.includes('-----BEGIN') ? pemToBase64(text) : text.replace(/\s+/g, ''));
  try {
    x509Of(pem);
  } catch (error) {
    throw new TypeError(
      `The IdP certificate is not an X.509 certificate in PEM or base64 DER: ${String(error)}`,
    );
  }
  return pem;
}

async function fetchMetadata(url: string, fetch: FetchLike): Promise<string> {
  const response = await fetch(url, {
    method: 'GET',
    headers: { accept: 'application/samlmetadata+xml, application/xml, text/xml' },
  });
  const body = await response.text();
  if (!response.ok) {
    throw new Error(`Importing IdP metadata from ${url} failed: HTTP ${response.status} (INT-02)`);
  }
  return body;
}

/**
 * Resolves what the admin entered into settings, refusing (TypeError) what this
 * SP's admin screens do not offer. `spCertificatePem` is the SP's own
 * certificate, which the setup uploads as the placeholder (SF-16).
 */
export async function resolveIdpSettings(
  input: IdpSettingsInput,
  saml: SamlProfile,
  context: { appName: string; fetch: FetchLike; spCertificatePem?: string },
): Promise<IdpSettings> {
  const offered = saml.idpConfig;
  const methods: IdpConfigMethod[] = [];
  if (input.metadataUrl !== undefined) methods.push('metadata-url');
  if (input.metadataXml !== undefined) methods.push('metadata-upload');
  const manualFields = (Object.keys(MANUAL_INPUT) as (keyof typeof MANUAL_INPUT)[]).filter(
    (field) => input[MANUAL_INPUT[field]] !== undefined,
  );
  if (manualFields.length > 0) methods.push('manual');
  if (methods.length === 0) {
    throw new TypeError(
      `configureIdp needs one of metadataUrl, metadataXml or the manual fields; ${context.appName} offers ${offered.methods.join(', ')}`,
    );
  }
  if (input.metadataUrl !== undefined && input.metadataXml !== undefined) {
    throw new TypeError('configureIdp takes metadataUrl or metadataXml, not both');
  }
  for (const method of methods) {
    if (!offered.methods.includes(method)) {
      throw new TypeError(
        `${context.appName} configures its IdP by ${offered.methods.join(' or ')}, not by ${method}`,
      );
    }
  }
  const allowed = new Set<ManualIdpField>([...offered.manual.required, ...offered.manual.optional]);
  for (const field of manualFields) {
    if (!allowed.has(field)) {
      throw new TypeError(`${context.appName}'s identity provider form has no '${field}' field`);
    }
  }
  if (input.autoLogin === true && !saml.signIn.autoLogin) {
    throw new TypeError(`${context.appName} has no default provider with auto-login (INT-02 only)`);
  }

  let metadata: IdpMetadata | undefined;
  if (input.metadataUrl !== undefined) {
    metadata = parseIdpMetadata(await fetchMetadata(input.metadataUrl, context.fetch));
  } else if (input.metadataXml !== undefined) {
    metadata = parseIdpMetadata(input.metadataXml);
  } else {
    const given = new Set<ManualIdpField>(manualFields);
    if (input.name !== undefined) given.add('name');
    const missing = offered.manual.required.filter((field) => !given.has(field));
    if (missing.length > 0) {
      throw new TypeError(`${context.appName}'s identity provider form needs ${missing.join(', ')}`);
    }
  }

  const ssoUrl = input.ssoUrl;
  const certificates =
    input.certificatePem !== undefined
      ? [normaliseCertificate(input.certificatePem)]
      : (metadata?.certificates.map(normaliseCertificate) ?? []);
  if (certificates.length === 0 && !saml.placeholderCertificate) {
    throw new TypeError(`${context.appName} needs the IdP certificate`);
  }
  const entityId = input.entityId ?? metadata?.entityId;
  const name = input.name;
  const metadataUrl = input.metadataUrl;
  const sloUrl =
    input.sloUrl ?? metadata?.singleLogout?.find((endpoint) => endpoint.binding === BINDING.redirect)?.url;
  return {
    methods,
    ...(name === undefined ? {} : { name }),
    ...(entityId === undefined ? {} : { entityId }),
    ssoUrls: ssoUrl !== undefined ? { redirect: ssoUrl, post: ssoUrl } : { ...metadata?.ssoUrls },
    // SF-16: the setup uploads the SP's own certificate as the placeholder when none is given.
    certificates:
      certificates.length > 0 ? certificates : context.spCertificatePem ? [context.spCertificatePem] : [],
    placeholder: saml.placeholderCertificate,
    autoLogin: input.autoLogin ?? false,
    ...(metadataUrl === undefined ? {} : { metadataUrl }),
    ...(sloUrl === undefined || !saml.singleLogout ? {} : { sloUrl }),
  };
}
