/**
 * Deliberately vulnerable processing, used ONLY by named mock SP fault switches
 * so the saml-security suite can prove its checks catch real SP bugs. Nothing on
 * a strict path imports this file.
 */
import { DOMParser } from '@xmldom/xmldom';
import { SignedXml } from 'xml-crypto';
import { SamlError } from './errors.js';
import { NS } from './xml.js';

/**
 * The classic integration many SPs shipped: verify the first ds:Signature found
 * anywhere with xml-crypto against the pinned certificate, then read the identity
 * from the document as a whole. It falls for signature wrapping (XSW), because what
 * was verified and what is read are not tied together.
 */
export function classicVerify(xml: string, trusted: readonly string[]): Document {
  const doc = new DOMParser().parseFromString(xml, 'text/xml');
  const signature = doc.getElementsByTagNameNS(NS.ds, 'Signature').item(0);
  if (!signature) throw new SamlError('signature-missing', 'No ds:Signature in the message');
  for (const publicCert of trusted) {
    const signed = new SignedXml({ publicCert });
    signed.loadSignature(signature);
    try {
      if (signed.checkSignature(xml)) return doc;
    } catch {
      // Try the next pinned certificate, as the classic integration does with a list.
    }
  }
  throw new SamlError('signature-invalid', 'The first ds:Signature in the message does not verify');
}

/**
 * What a parser with DTD processing on does: drops the DOCTYPE and expands its
 * internal entities into the text. (XML external entities are not fetched.)
 */
export function expandDoctype(xml: string): string {
  const match = /<!DOCTYPE[^[>]*(\[([\s\S]*?)\])?\s*>/i.exec(xml);
  if (!match) return xml;
  const entities = new Map<string, string>();
  for (const entity of (match[2] ?? '').matchAll(/<!ENTITY\s+([\w.-]+)\s+"([^"]*)"\s*>/g)) {
    entities.set(entity[1]!, entity[2]!);
  }
  const body = xml.slice(0, match.index) + xml.slice(match.index + match[0].length);
  return body.replace(/&([\w.-]+);/g, (whole, name: string) => entities.get(name) ?? whole);
}
