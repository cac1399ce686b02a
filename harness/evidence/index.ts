// Evidence: what a check saw, in the shape every report writer reads.

export type { Evidence, HttpExchange } from './evidence.js';
export {
  MASK,
  isSecretName,
  maskBody,
  maskEvidence,
  maskExchange,
  maskHeaders,
  maskParameters,
  maskText,
  maskUrl,
  maskedSecret,
} from './mask.js';
