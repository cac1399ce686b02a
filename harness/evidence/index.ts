// Evidence: what a check saw, in the shape every report writer reads.

export type { Evidence, HttpExchange } from './evidence.js';
export {
  MASK,
  isSecretName,
  maskBody,
  maskEvidence,
  maskExchange,
  maskHeaders,
  maskJsonSecrets,
  maskParameters,
  maskText,
  maskUrl,
  maskedSecret,
  mentionsSecret,
} from './mask.js';
