/**
 * What the ACS steps share while they check one Response: the message, the policy and the
 * clock, and what each step found for the ones after it (the parsed document, the chosen and
 * verified elements, the bearer confirmations still in the running).
 * @see SAML 2.0 Profiles §4.1.4.3
 */
import type { ResponsePolicy, ValidatedLogin } from './response-policy.js';
import type { VerifyOptions } from './verify.js';
import { SamlError } from './xml.js';

/**
 * One named step of the ACS check: it refuses the Response (SamlError) or records on the
 * state what the steps after it read.
 * @see SAML 2.0 Profiles §4.1.4.3
 */
export type ResponseStep = (state: ResponseState) => void | Promise<void>;

/** Which keys and algorithms verify the signature on `signed`. @see SAML 2.0 Core §5.4 */
export type SignatureTrust = (signed: Element) => VerifyOptions;

/** A bearer SubjectConfirmation, and the first refusal a step gave it. @see SAML 2.0 Profiles §4.1.4.2 */
export interface Bearer {
  readonly element: Element;
  /** Its SubjectConfirmationData; absent when it has none. */
  readonly data: Element | undefined;
  refusal?: unknown;
}

/** What the steps find, each set by the step named in {@link SET_BY}. */
interface Found {
  doc: Document;
  root: Element;
  selected: Element;
  trust: SignatureTrust;
  opened: Element;
  assertion: Element;
  assertionId: string;
  identity: Pick<ValidatedLogin, 'nameId' | 'attributes'>;
}

const SET_BY: Record<keyof Found, string> = {
  doc: 'parse',
  root: 'parse',
  selected: 'select-assertion',
  trust: 'signature-trust',
  opened: 'decrypt',
  assertion: 'decrypt',
  assertionId: 'assertion-id',
  identity: 'read-identity',
};

/** The state one run of the ACS steps shares. @see SAML 2.0 Profiles §4.1.4.3 */
export class ResponseState {
  readonly policy: ResponsePolicy;
  /** The message text, as the parse step read it. */
  xml: string;
  /** Epoch ms the whole check is judged at. */
  readonly now: number;
  readonly skewMs: number;
  /** The Response as verified, when it carries a signature. */
  signedResponse: Element | undefined;
  /** Whether the assertion was an EncryptedAssertion. */
  decrypted = false;
  bearers: Bearer[] = [];
  /** InResponseTo as the checked confirmation states it (without one, as the Response does). */
  inResponseTo: string | undefined;
  /** The checked confirmation's NotOnOrAfter. */
  confirmedUntil: Date | undefined;
  readonly #found: Partial<Found> = {};

  constructor(xml: string, policy: ResponsePolicy) {
    this.xml = xml;
    this.policy = policy;
    this.now = policy.now().getTime();
    this.skewMs = (policy.clockSkewSeconds ?? 60) * 1000;
  }

  /** What an earlier step found; a TypeError names the step that should have run first. */
  found<K extends keyof Found>(key: K): Found[K] {
    const value = this.#found[key];
    if (value === undefined) {
      throw new TypeError(`ACS step order: '${key}' is read before the '${SET_BY[key]}' step set it`);
    }
    return value as Found[K];
  }

  set<K extends keyof Found>(key: K, value: Found[K]): void {
    this.#found[key] = value;
  }

  /**
   * Refuses a validity window the clock (with the skew allowed) is outside of.
   * @see SAML 2.0 Core §2.5.1.2, Profiles §4.1.4.3
   */
  window(where: string, notBefore: Date | undefined, notOnOrAfter: Date | undefined): void {
    const now = new Date(this.now).toISOString();
    const skew = this.skewMs / 1000;
    if (notBefore && this.now + this.skewMs < notBefore.getTime()) {
      throw new SamlError(
        'not-yet-valid',
        `${where} NotBefore is ${notBefore.toISOString()} but it is ${now} (clock skew allowed: ${skew} s)`,
      );
    }
    if (notOnOrAfter && this.now - this.skewMs >= notOnOrAfter.getTime()) {
      throw new SamlError(
        'expired',
        `${where} NotOnOrAfter is ${notOnOrAfter.toISOString()} but it is ${now} (clock skew allowed: ${skew} s)`,
      );
    }
  }

  /** Runs `check` on each bearer confirmation still in the running; each keeps its first refusal. */
  checkBearers(check: (data: Element) => void): void {
    for (const bearer of this.bearers) {
      if (bearer.refusal !== undefined || !bearer.data) continue;
      try {
        check(bearer.data);
      } catch (error) {
        bearer.refusal = error;
      }
    }
  }
}
