// Evidence: what a check saw, in the shape every report writer reads.

export type { Evidence, HttpExchange } from './evidence.js';
