/**
 * The SCIM PATCH engine: PatchOp request parsing and atomic application.
 * @see RFC 7644 §3.5.2
 */

// Request message
export { PATCH_OP_SCHEMA, parsePatchRequest } from './patch-op.js';
export type { PatchOperation, PatchOperationName } from './patch-op.js';

// Engine
export { applyPatch } from './apply.js';
export type { PatchContext, PatchResult } from './apply.js';
