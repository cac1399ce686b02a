// SAML primitives: keys, defensive XML, signatures, encryption and bindings; then the messages built on them.
// Each group is one module; add a group (or names to one) below, types in `export type { … }`.

// Keys and certificates
export {
  base64ToPem,
  cachedLookAlikeKeyPair,
  createKeyPair,
  keepKeyPairsIn,
  keyPairFromPem,
  lookAlikeKeyPair,
  pemToBase64,
  sharedKeyPair,
  takeSharedKeyPairsFrom,
} from './keys.js';
export type { CertificateOptions, KeyPair, KeyPairPem, KeyPairSource } from './keys.js';
export { loadOrCreateKeyPairFile, readKeyPairFile } from './key-files.js';
export { x509Of } from './certificate.js';
export { keyCacheDir, keyCacheIn, MIN_REMAINING_DAYS } from './key-cache.js';
export type { KeyCache } from './key-cache.js';

// Refusals
export { SamlError } from './errors.js';
export type { SamlRefusal } from './errors.js';

// Defensive XML
export {
  DEFAULT_XML_LIMITS,
  NS,
  allElements,
  childElements,
  escapeXml,
  onlyChild,
  optionalChild,
  parseXml,
  serialize,
} from './xml.js';
export type { XmlLimits } from './xml.js';

// XML signatures
export {
  DIGEST_URI,
  ENVELOPED_SIGNATURE,
  EXCLUSIVE_C14N,
  HASH_NAME,
  SAFE_ID,
  SIGNATURE_URI,
  signXml,
} from './sign.js';
export type { SignXmlOptions, SigningAlgorithm } from './sign.js';
export { verifyElementSignature } from './verify.js';
export type { VerifiedElement, VerifyOptions } from './verify.js';

// Encryption
export {
  CONTENT_ENCRYPTION,
  KEY_TRANSPORT,
  decryptAssertion,
  encryptAssertion,
  sealAssertions,
} from './encrypt.js';

// Bindings
export { decodeRedirect, encodeRedirect, redirectUrl, verifyRedirectSignature } from './redirect-binding.js';
export type { DecodedRedirect, EncodeRedirectOptions, RedirectKind } from './redirect-binding.js';
export { decodePost, encodePost } from './post-binding.js';

// SAML messages: the reference IdP's Response
export {
  BEARER,
  NAMEID_FORMAT,
  STATUS_SUCCESS,
  UNSPECIFIED_NAMEID_FORMATS,
  buildResponse,
  newSamlId,
} from './response.js';
export type { ResponseInput, SamlAttribute, SigningPolicy } from './response.js';

// SAML messages: AuthnRequest
export { buildAuthnRequest, parseAuthnRequest, signAuthnRequest } from './authn-request.js';
export type { AuthnRequestInput, ParsedAuthnRequest } from './authn-request.js';
export {
  buildLogoutRequest,
  buildLogoutResponse,
  parseLogoutMessage,
  receiveSloMessage,
  sloArrivalOf,
  type LogoutRequestInput,
  type LogoutResponseInput,
  type ParsedLogoutRequest,
  type ParsedLogoutResponse,
  type ReceivedSloMessage,
  type SloArrival,
} from './logout.js';

// SAML messages: metadata
export { BINDING, buildIdpMetadata, buildSpMetadata, parseIdpMetadata, parseSpMetadata } from './metadata.js';
export type { AcsEndpoint, IdpMetadata, SpMetadata } from './metadata.js';

// SAML messages: the SP's ACS check, a list of named steps and the runner that runs them
export { ReplayCache } from './replay-cache.js';
export {
  RESPONSE_STEPS,
  RESPONSE_STEP_NAMES,
  runResponseSteps,
  validateResponse,
} from './validate-response.js';
export type { ResponsePolicy, ResponseStepName, ResponseSteps, ValidatedLogin } from './validate-response.js';
export { ResponseState } from './response-state.js';
export type { Bearer, ResponseStep, SignatureTrust } from './response-state.js';
