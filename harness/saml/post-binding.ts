/**
 * HTTP-POST binding: the SAML message base64-encoded in a form field.
 * @see SAML 2.0 Bindings §3.5.4
 */
import { DEFAULT_XML_LIMITS, SamlError, checkXml, type XmlLimits } from './xml.js';

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * HTTP-POST binding: base64 of the XML (UTF-8) for the SAMLRequest / SAMLResponse form field.
 * @see SAML 2.0 Bindings §3.5.4
 */
export function encodePost(xml: string): string {
  return Buffer.from(xml, 'utf8').toString('base64');
}

/**
 * Decodes a SAMLRequest / SAMLResponse form field: size-bounded base64 (line breaks allowed), then parseXml.
 * @see SAML 2.0 Bindings §3.5.4, docs/conformance.md "SAML 2.0" (XML handling)
 */
export function decodePost(b64: string, limits?: XmlLimits): string {
  const maxBytes = limits?.maxBytes ?? DEFAULT_XML_LIMITS.maxBytes;
  // Refuse before decoding: base64 is 4 characters per 3 bytes, plus line breaks some senders add.
  if (b64.length > Math.ceil(maxBytes / 3) * 4 * 1.1 + 16) {
    throw new SamlError('too-large', `POSTed SAML message is over the limit of ${maxBytes} bytes`);
  }
  const text = b64.replace(/\s+/g, '');
  if (text === '' || !BASE64.test(text)) {
    throw new SamlError('malformed', 'POSTed SAML message is not base64 (SAML Bindings §3.5.4)');
  }
  const xml = Buffer.from(text, 'base64').toString('utf8');
  checkXml(xml, limits);
  return xml;
}
