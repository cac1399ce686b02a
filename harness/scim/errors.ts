/**
 * SCIM protocol errors: the status / scimType pairs of RFC 7644 §3.12 and the
 * Error response body built from them.
 * @see RFC 7644 §3.12
 */

export const ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';

/** The detail error keywords of RFC 7644 §3.12 Table 9. */
export type ScimType =
  | 'invalidFilter'
  | 'tooMany'
  | 'uniqueness'
  | 'mutability'
  | 'invalidSyntax'
  | 'invalidPath'
  | 'noTarget'
  | 'invalidValue'
  | 'invalidVers'
  | 'sensitive';

/**
 * Which statuses each scimType may travel with. Table 9 lists the keywords for 400;
 * §3.3 makes uniqueness a 409 (MUST); tooMany at 413 and sensitive at 403 are read
 * as allowed too, since Table 8 describes those statuses with the same conditions.
 * @see RFC 7644 §3.12 Tables 8 and 9, §3.3
 */
const STATUSES_OF_SCIM_TYPE: Readonly<Record<ScimType, readonly number[]>> = {
  invalidFilter: [400],
  tooMany: [400, 413],
  uniqueness: [409],
  mutability: [400],
  invalidSyntax: [400],
  invalidPath: [400],
  noTarget: [400],
  invalidValue: [400],
  invalidVers: [400],
  sensitive: [400, 403],
};

/** Whether `scimType` may be sent with `status`. @see RFC 7644 §3.12 */
export function isValidErrorPair(status: number, scimType: string | undefined): boolean {
  // Table 8 lists the common statuses; HTTP allows others (405, 415, 429) without a scimType.
  if (scimType === undefined) return status >= 300 && status < 600;
  const allowed = STATUSES_OF_SCIM_TYPE[scimType as ScimType] as readonly number[] | undefined;
  return allowed?.includes(status) ?? false;
}

/** The body of a SCIM error response. `status` is a string on the wire. @see RFC 7644 §3.12 */
export interface ScimErrorBody {
  schemas: [typeof ERROR_SCHEMA];
  status: string;
  scimType?: ScimType;
  detail?: string;
}

/**
 * A SCIM protocol error raised by the engines and the mock SPs; the SP turns it
 * into an Error response. The constructor refuses a status / scimType pair that
 * RFC 7644 §3.12 does not allow, so no code path can emit one.
 */
export class ScimError extends Error {
  readonly code = 'SCIM_ERROR';
  readonly status: number;
  readonly scimType: ScimType | undefined;

  constructor(status: number, scimType: ScimType | undefined, detail: string) {
    if (!isValidErrorPair(status, scimType)) {
      throw new TypeError(
        `scimType '${String(scimType)}' cannot travel with status ${status} (RFC 7644 §3.12); ` +
          `use status ${scimType ? STATUSES_OF_SCIM_TYPE[scimType].join(' or ') : '4xx'}`,
      );
    }
    super(detail);
    this.name = 'ScimError';
    this.status = status;
    this.scimType = scimType;
  }

  /** The wire body for this error. */
  toBody(): ScimErrorBody {
    return errorBody(this.status, this.scimType, this.message);
  }
}

/** Builds an Error response body, checking the status / scimType pair. @see RFC 7644 §3.12 */
export function errorBody(status: number, scimType: ScimType | undefined, detail: string): ScimErrorBody {
  if (!isValidErrorPair(status, scimType)) {
    throw new TypeError(
      `scimType '${String(scimType)}' cannot travel with status ${status} (RFC 7644 §3.12)`,
    );
  }
  const body: ScimErrorBody = { schemas: [ERROR_SCHEMA], status: String(status) };
  if (scimType) body.scimType = scimType;
  body.detail = detail;
  return body;
}

/** Shorthands for the errors the engines raise most. */
export const scimErrors = {
  invalidFilter: (detail: string) => new ScimError(400, 'invalidFilter', detail),
  invalidPath: (detail: string) => new ScimError(400, 'invalidPath', detail),
  noTarget: (detail: string) => new ScimError(400, 'noTarget', detail),
  invalidValue: (detail: string) => new ScimError(400, 'invalidValue', detail),
  invalidSyntax: (detail: string) => new ScimError(400, 'invalidSyntax', detail),
  mutability: (detail: string) => new ScimError(400, 'mutability', detail),
  uniqueness: (detail: string) => new ScimError(409, 'uniqueness', detail),
  tooMany: (detail: string) => new ScimError(400, 'tooMany', detail),
  invalidVers: (detail: string) => new ScimError(400, 'invalidVers', detail),
  notFound: (detail: string) => new ScimError(404, undefined, detail),
  unauthorized: (detail: string) => new ScimError(401, undefined, detail),
  preconditionFailed: (detail: string) => new ScimError(412, undefined, detail),
} as const;
