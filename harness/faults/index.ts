// Fault records: the shared shape of every fault switch, whatever component it wraps.

export { findFault, resolveFaults } from './record.js';
export type { FaultArea, FaultRecord } from './record.js';
