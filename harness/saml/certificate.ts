/**
 * Parsed X.509 certificates, kept by their PEM text: one run reads the same few certificates
 * (the IdP's, the SPs', a stranger's) thousands of times, once for every SP instance configured
 * and every message verified or encrypted. A parsed certificate is immutable, so one parse
 * serves every reader.
 */
import { X509Certificate } from 'node:crypto';

/** Enough for every certificate one run meets; past it the oldest parse is dropped. */
const KEPT = 256;
const parsed = new Map<string, X509Certificate>();

/** `new X509Certificate(pem)`, parsed once per distinct text; throws as that constructor throws. */
export function x509Of(pem: string): X509Certificate {
  let certificate = parsed.get(pem);
  if (certificate === undefined) {
    certificate = new X509Certificate(pem);
    if (parsed.size >= KEPT) parsed.delete(parsed.keys().next().value!);
    parsed.set(pem, certificate);
  }
  return certificate;
}
