/**
 * Reading an assertion: the one assertion a Response may carry, the strict reader (the verified
 * element, textContent), and the small attribute and time helpers the ACS steps share.
 * @see SAML 2.0 Core §2.3–§2.7, Profiles §4.1.4.2
 */
import { NS, SamlError, childElements } from './xml.js';
import type { ValidatedLogin } from './response-policy.js';

/** An attribute's value, undefined when absent. @see SAML 2.0 Core §1.3 */
// xmldom's getAttribute answers '' for an absent attribute, so presence is asked separately.
export function attribute(element: Element, name: string): string | undefined {
  return element.hasAttribute(name) ? (element.getAttribute(name) ?? '') : undefined;
}

/** An element's text, trimmed; '' for no element. @see SAML 2.0 Core §1.3.1 */
export function text(element: Element | undefined | null): string {
  return (element?.textContent ?? '').trim();
}

/** `{namespace}localName` of an element, for refusal messages. */
export function nameOf(element: Element | null): string {
  return element ? `{${element.namespaceURI ?? ''}}${element.localName}` : 'nothing';
}

/** xs:dateTime with a zone: without one, Date would read it in the server's local time. @see Core §1.3.3 */
const DATE_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)$/;

/** An xs:dateTime attribute, undefined when absent; a time without a zone is malformed. @see Core §1.3.3 */
export function time(element: Element, name: string): Date | undefined {
  const value = attribute(element, name);
  if (value === undefined) return undefined;
  const date = new Date(value);
  if (!DATE_TIME.test(value) || Number.isNaN(date.getTime())) {
    throw new SamlError(
      'malformed',
      `${element.localName} ${name} is '${value}' but must be a UTC xs:dateTime such as 2025-03-01T12:00:00.000Z (Core §1.3.3)`,
    );
  }
  return date;
}

/**
 * The one Assertion / EncryptedAssertion, a direct child of the Response; more than one, or one
 * anywhere else (Extensions, ds:Object, nested), is refused.
 * @see SAML 2.0 Profiles §4.1.4.2, docs/conformance.md "SAML 2.0" (signature wrapping)
 */
export function onlyAssertion(response: Element): Element {
  const found = [
    ...childElements(response, NS.saml, 'Assertion'),
    ...childElements(response, NS.saml, 'EncryptedAssertion'),
  ];
  if (found.length > 1) {
    throw new SamlError(
      'assertion-multiple',
      `The Response has ${found.length} saml:Assertion / saml:EncryptedAssertion children but must have exactly one (Profiles §4.1.4.2)`,
    );
  }
  // An assertion anywhere else (Extensions, ds:Object, nested) is a wrapping attempt, never a login.
  const anywhere =
    response.getElementsByTagNameNS(NS.saml, 'Assertion').length +
    response.getElementsByTagNameNS(NS.saml, 'EncryptedAssertion').length;
  if (anywhere > found.length) {
    throw new SamlError(
      'assertion-multiple',
      `The Response holds ${anywhere} assertions in all, ${anywhere - found.length} of them outside its direct children; only one assertion, directly under the Response, is accepted (docs/conformance.md "SAML 2.0": signature wrapping)`,
    );
  }
  if (found[0]) return found[0];
  throw noAssertion();
}

/** The refusal of a Response that carries no assertion at all. @see SAML 2.0 Profiles §4.1.4.2 */
export function noAssertion(): SamlError {
  return new SamlError('assertion-missing', 'The Response has no saml:Assertion or saml:EncryptedAssertion');
}

/** NameID and attributes of the verified assertion, by textContent. */
export function readVerified(
  assertion: Element,
  nameId: Element | undefined,
): Pick<ValidatedLogin, 'nameId' | 'attributes'> {
  const attributes: Record<string, string[]> = {};
  for (const statement of childElements(assertion, NS.saml, 'AttributeStatement')) {
    for (const attribute of childElements(statement, NS.saml, 'Attribute')) {
      const name = attribute.getAttribute('Name') ?? '';
      const values = childElements(attribute, NS.saml, 'AttributeValue').map(
        (value) => value.textContent ?? '',
      );
      (attributes[name] ??= []).push(...values);
    }
  }
  return { nameId: text(nameId), attributes };
}
