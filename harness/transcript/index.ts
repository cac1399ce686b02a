// Wire transcripts: what a connector sent to a mock SP, normalised, recorded and compared.

// Normalisation
export { normaliseTranscript } from './normalise.js';
export type { NormaliseOptions, WireEntry } from './normalise.js';

// Recordings
export {
  TRANSCRIPT_FORMAT,
  TranscriptError,
  compareTranscripts,
  formatComparison,
  readTranscripts,
  transcriptFileName,
  writeTranscripts,
} from './store.js';
export type { TranscriptChange, TranscriptComparison } from './store.js';
