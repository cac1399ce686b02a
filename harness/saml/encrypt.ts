/**
 * Assertion encryption with xml-encryption: AES-256-GCM content encryption,
 * RSA-OAEP (MGF1-SHA1) key transport to the SP's certificate; decryption with
 * the SP's private key. CBC and RSA 1.5 are refused on decryption (the library
 * default): they are open to padding-oracle attacks.
 * @see SAML 2.0 Core §2.3.4 (EncryptedAssertion), §6.1; XML Encryption 1.1 §5.2.4, §5.5.2
 */
import { createRequire } from 'node:module';
import type * as XmlEncryptionModule from 'xml-encryption';
import type { KeyPair } from './keys.js';
import { x509Of } from './certificate.js';
import { base64ToPem, pemToBase64 } from './keys.js';
import { SIGNATURE_URI, signXml } from './sign.js';
import { verifyElementSignature } from './verify.js';
import { NS, SamlError, childElements, parseXml, serialize } from './xml.js';

type XmlEncryption = typeof XmlEncryptionModule;

/**
 * xml-encryption (CommonJS), loaded at the first encryption or decryption: most runs, and most
 * threads of a run, never encrypt, and loading it costs about a tenth of a second.
 */
const xmlenc = (): XmlEncryption =>
  (loaded ??= createRequire(import.meta.url)('xml-encryption') as XmlEncryption);
let loaded: XmlEncryption | undefined;

/** Content encryption: AES-256-GCM. @see XML Encryption 1.1 §5.2.4 */
export const CONTENT_ENCRYPTION = 'http://www.w3.org/2009/xmlenc11#aes256-gcm';
/** Key transport: RSA-OAEP with MGF1-SHA1. @see XML Encryption 1.1 §5.5.2 */
export const KEY_TRANSPORT = 'http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p';

/**
 * Encrypts the Assertion element (xml string) to the SP certificate: AES-256-GCM content, RSA-OAEP key transport;
 * returns <saml:EncryptedAssertion> xml.
 * @see SAML 2.0 Core §2.3.4, §6.1; IDP-SSO-06, SF-14
 */
export async function encryptAssertion(assertionXml: string, certificatePem: string): Promise<string> {
  // Our own assertion, so generous limits: the parse only confirms what is being encrypted.
  const root = parseXml(assertionXml, { maxBytes: 64 * 1024 * 1024, maxDepth: 1000 }).documentElement;
  if (root?.namespaceURI !== NS.saml || root.localName !== 'Assertion') {
    throw new TypeError(`encryptAssertion: expected a saml:Assertion, got <${root?.tagName ?? '?'}>`);
  }
  let certificate: string;
  try {
    certificate = base64ToPem(pemToBase64(certificatePem));
    if (x509Of(certificate).publicKey.asymmetricKeyType !== 'rsa') throw new Error('not an RSA key');
  } catch (error) {
    throw new TypeError(
      `encryptAssertion: the SP encryption certificate is not an RSA X.509 certificate (${describe(error)})`,
    );
  }
  const encryptedData = await new Promise<string>((resolve, reject) => {
    xmlenc().encrypt(
      assertionXml,
      {
        rsa_pub: certificate,
        pem: certificate,
        encryptionAlgorithm: CONTENT_ENCRYPTION,
        keyEncryptionAlgorithm: KEY_TRANSPORT,
        disallowEncryptionWithInsecureAlgorithm: true,
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
  });
  return `<saml:EncryptedAssertion xmlns:saml="${NS.saml}">${encryptedData.trim()}</saml:EncryptedAssertion>`;
}

/**
 * Decrypts a saml:EncryptedAssertion with the SP's private key; returns the assertion XML (parse it with parseXml).
 * Throws SamlError('malformed') for a wrong shape and SamlError('decryption-failed') for anything cryptographic.
 * @see SAML 2.0 Core §2.3.4, §6.1
 */
export async function decryptAssertion(encryptedAssertion: Element, key: KeyPair): Promise<string> {
  if (encryptedAssertion.namespaceURI !== NS.saml || encryptedAssertion.localName !== 'EncryptedAssertion') {
    throw new TypeError(
      `decryptAssertion: expected a saml:EncryptedAssertion, got <${encryptedAssertion.tagName}>`,
    );
  }
  const encryptedData = childElements(encryptedAssertion, NS.xenc, 'EncryptedData');
  if (encryptedData.length !== 1) {
    throw new SamlError(
      'malformed',
      `saml:EncryptedAssertion must hold exactly one xenc:EncryptedData, found ${encryptedData.length} (SAML Core §2.3.4)`,
    );
  }
  try {
    return await new Promise<string>((resolve, reject) => {
      xmlenc().decrypt(serialize(encryptedAssertion), { key: key.privateKeyPem }, (error, result) =>
        error ? reject(error) : resolve(result),
      );
    });
  } catch (error) {
    const detail = describe(error);
    const hint = /not secure/.test(detail)
      ? 'the IdP used an algorithm refused as insecure (CBC or RSA 1.5); configure AES-GCM and RSA-OAEP'
      : "check that the IdP encrypts to this SP's current encryption certificate";
    throw new SamlError('decryption-failed', `Cannot decrypt the EncryptedAssertion (${detail}); ${hint}`);
  }
}

/**
 * Encrypts each Assertion that is a direct child of a Response to the SP's certificate, as an
 * encrypting IdP sends it. An IdP encrypts before it signs the Response, so a Response signature
 * that verified with `idpKey` before is made again over the encrypted form (same algorithm); one
 * that did not verify (a tampered message) is left as it was, still broken.
 * @see SAML 2.0 Core §2.3.4, §6.1; SAML 2.0 Profiles §4.1.4.2
 */
export async function sealAssertions(xml: string, certificatePem: string, idpKey: KeyPair): Promise<string> {
  const limits = { maxBytes: 4 * 1024 * 1024, maxDepth: 200 };
  const doc = parseXml(xml, limits);
  const root = doc.documentElement!;
  const rootSignature = childElements(root, NS.ds, 'Signature')[0];
  let resign: keyof typeof SIGNATURE_URI | undefined;
  if (rootSignature) {
    try {
      verifyElementSignature(doc, root, { trusted: [idpKey.certificatePem], allowSha1: true });
      const method = rootSignature.getElementsByTagNameNS(NS.ds, 'SignatureMethod').item(0);
      resign = method?.getAttribute('Algorithm') === SIGNATURE_URI['rsa-sha1'] ? 'rsa-sha1' : 'rsa-sha256';
    } catch {
      resign = undefined;
    }
  }
  let sealed = false;
  for (let node = root.firstChild; node; node = node.nextSibling) {
    const element = node as Element;
    if (
      node.nodeType !== node.ELEMENT_NODE ||
      element.namespaceURI !== NS.saml ||
      element.localName !== 'Assertion'
    )
      continue;
    const encrypted = parseXml(await encryptAssertion(serialize(element), certificatePem)).documentElement!;
    const imported = doc.importNode(encrypted, true);
    root.replaceChild(imported, element);
    node = imported;
    sealed = true;
  }
  if (!sealed) return xml;
  if (resign === undefined || !rootSignature) return serialize(doc);
  root.removeChild(rootSignature);
  return signXml(serialize(doc), root.getAttribute('ID') ?? '', idpKey, { algorithm: resign });
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
