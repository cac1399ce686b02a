// Evidence: what a check saw, in the shape every report writer reads.

export type { Evidence, HttpExchange } from './evidence.js';
export {
  maskBody,
  maskEvidence,
  maskExchange,
  maskHeaders,
  maskText,
  maskUrl,
  maskedSecret,
} from './mask.js';
