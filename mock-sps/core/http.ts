// The framework-neutral request/response lives in the harness, shared with the reference IdP's web side.
export { DEFAULT_BODY_LIMIT, jsonResponse } from '#harness/http';
export type { CoreRequest, CoreResponse } from '#harness/http';
