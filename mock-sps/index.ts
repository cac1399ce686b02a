// Mock SPs: the shared SP core, its adapters, and each app's quirk profile.

// Registry
export { SP_IDS, isSpId, mockSps } from './registry.js';
export type { SpId } from './registry.js';

// Core
export { INSPECTION_PATH, MockSp } from './core/mock-sp.js';
export type { InspectedResource, MockSpOptions, MockSpState } from './core/mock-sp.js';
export { SCIM_FAULTS, isScimFault } from './core/faults.js';
export type { ScimFault } from './core/faults.js';
export { DEFAULT_BODY_LIMIT } from './core/http.js';
export type { CoreRequest, CoreResponse } from './core/http.js';
export type { ScimProfile, SpProfile, StoredAsRule } from './core/profile.js';
export type { RequestLogEntry } from './core/scim/scim-service.js';

// Adapters
export { expressApp, startMockSp } from './adapters/express.js';
export type { RunningMockSp } from './adapters/express.js';
export { inProcessFetch } from './adapters/in-process.js';
export { mswHandlers } from './adapters/msw.js';
