/**
 * Faults of PATCH values, write answers and attribute characteristics: op names and paths read
 * case-sensitively, adds that replace, value filters ignored, primary not cleared, answers that
 * are not the stored resource, readOnly / immutable / required values let through, a password
 * returned.
 * @see RFC 7644 §3.5.2, §3.3, §3.5.1; RFC 7643 §2.2, §2.4
 */
import { findKey, isJsonObject, type JsonObject, type PatchOperation } from '#harness/scim';
import { defineSpFaults } from '../fault.js';
import type { ScimMiddleware } from '../scim/fault-seams.js';
import { itemOf, jsonOf, resourceOf, withJsonBody, withOperations } from './requests.js';

/** Middleware that drops the PATCH operations `drop` picks (the rest still applied, answered 200). */
const dropping = (drop: (op: PatchOperation) => boolean): { around: ScimMiddleware } => ({
  around: (request, next) => next(withOperations(request, (ops) => ops.filter((op) => !drop(op)))),
});

/** The op name as the client wrote it, which parsing lower-cases: read from the raw body. */
function rawOps(body: string | undefined): string[] {
  const parsed = jsonOf(body);
  const operations = isJsonObject(parsed) && Array.isArray(parsed.Operations) ? parsed.Operations : [];
  return operations.map((op) => (isJsonObject(op) && typeof op.op === 'string' ? op.op : ''));
}

/** Middleware changing the 2xx answer to a `method` write, with the stored resource as read before it. */
function answering(
  methods: readonly string[],
  change: (body: JsonObject, before: JsonObject | undefined, sent: unknown) => JsonObject,
): { around: ScimMiddleware } {
  return {
    around(request, next, context) {
      if (!methods.includes(request.method.toUpperCase())) return next(request);
      const target = resourceOf(context);
      const id = itemOf(context);
      const before = target && id !== undefined ? context.read(target.type, id) : undefined;
      const response = next(request);
      if (response.status >= 300) return response;
      return withJsonBody(response, (body) => change(body, before, jsonOf(request.body)));
    },
  };
}

const MULTI = /^(emails|members)$/i;

/** The SP core's faults of PATCH values, write answers and characteristics. */
export const CHARACTERISTIC_FAULTS = defineSpFaults([
  {
    id: 'capitalised-op-ignored',
    area: 'scim',
    bug: 'answers 200 to "Add", "Replace", "Remove" but applies only lower-case op names (RFC 7644 §3.5.2)',
    cites: ['SCIM-PATCH', 'SCIM-IDP-VALUES'],
    caughtBy: [
      'scim-protocol/patch-op-case-add',
      'scim-protocol/patch-op-case-remove',
      'scim-protocol/patch-op-upper-case',
      'scim-protocol/idp-active-string-false',
      'scim-protocol/idp-active-string-false-pathless',
      'scim-protocol/idp-active-false-capitalised-op',
      'scim-protocol/idp-active-string-true',
    ],
    apply: {
      around(request, next) {
        const raw = rawOps(request.body);
        return next(
          withOperations(request, (ops) => ops.filter((_op, i) => raw[i] === raw[i]?.toLowerCase())),
        );
      },
    },
  },
  {
    id: 'case-sensitive-attribute-path',
    area: 'scim',
    bug: 'ignores PATCH paths not spelt in the schema\'s case ("Active", "name.GivenName") (RFC 7643 §2.1)',
    cites: ['SCIM-PATCH'],
    caughtBy: [
      'scim-protocol/patch-path-case-attribute',
      'scim-protocol/patch-path-case-sub-attribute',
      'scim-protocol/patch-path-case-value-filter',
    ],
    apply: dropping((op) => /(^|[.[])[A-Z]|[A-Z]{2}/.test(op.path ?? '')),
  },
  {
    id: 'pathless-extension-object-ignored',
    area: 'scim',
    bug: 'ignores an extension given as an object in a path-less value map (RFC 7644 §3.5.2.3)',
    cites: ['SCIM-PATCH'],
    caughtBy: ['scim-protocol/patch-pathless-extension-object'],
    apply: {
      around: (request, next) =>
        next(
          withOperations(request, (ops) =>
            ops.map((op) =>
              op.path === undefined && isJsonObject(op.value)
                ? {
                    ...op,
                    value: Object.fromEntries(
                      Object.entries(op.value).filter(
                        ([key, v]) => !(key.startsWith('urn:') && isJsonObject(v)),
                      ),
                    ),
                  }
                : op,
            ),
          ),
        ),
    },
  },
  {
    id: 'multi-valued-add-replaces',
    area: 'scim',
    bug: 'an add to emails or members replaces the values already there (RFC 7644 §3.5.2.1)',
    cites: ['SCIM-PATCH'],
    caughtBy: ['scim-protocol/patch-add-email-appends', 'scim-protocol/patch-add-member-appends'],
    apply: {
      around: (request, next) =>
        next(
          withOperations(request, (ops) =>
            ops.map((op) => (op.op === 'add' && MULTI.test(op.path ?? '') ? { ...op, op: 'replace' } : op)),
          ),
        ),
    },
  },
  {
    id: 'email-add-duplicates',
    area: 'scim',
    bug: 'adds an email the user already has once more (RFC 7644 §3.5.2.1)',
    cites: ['SCIM-PATCH'],
    caughtBy: ['scim-protocol/patch-add-existing-email'],
    apply: {
      steps: (strict) => ({
        ...strict,
        patch(resource, operations, schema) {
          const patched = strict.patch(resource, operations, schema);
          const key = findKey(patched, 'emails');
          for (const op of operations) {
            if (op.op === 'add' && op.path === 'emails' && Array.isArray(op.value) && key !== undefined)
              (patched[key] as unknown[]).push(...op.value);
          }
          return patched;
        },
      }),
    },
  },
  {
    id: 'remove-filter-removes-all',
    area: 'scim',
    bug: 'a remove of emails[type eq "home"] removes every email (RFC 7644 §3.5.2.2)',
    cites: ['SCIM-PATCH'],
    caughtBy: ['scim-protocol/patch-remove-value-filter'],
    apply: {
      around: (request, next) =>
        next(
          withOperations(request, (ops) =>
            ops.map((op) =>
              op.op === 'remove' && /^emails\[[^\]]*\]$/i.test(op.path ?? '')
                ? { op: 'remove', path: 'emails' }
                : op,
            ),
          ),
        ),
    },
  },
  {
    id: 'replace-filter-ignored',
    area: 'scim',
    bug: 'answers 200 to a replace with a value filter (emails[type eq "home"].value) and changes nothing (RFC 7644 §3.5.2.3)',
    cites: ['SCIM-PATCH'],
    caughtBy: ['scim-protocol/patch-replace-value-filter', 'scim-protocol/patch-path-case-value-filter'],
    apply: dropping((op) => op.op === 'replace' && /\[/.test(op.path ?? '')),
  },
  {
    id: 'remove-without-path-ignored',
    area: 'scim',
    bug: 'answers 200 to a remove without a path (RFC 7644 §3.5.2.2: 400 noTarget)',
    cites: ['SCIM-PATCH'],
    caughtBy: ['scim-protocol/patch-remove-without-path'],
    apply: {
      // The PatchOp parser itself refuses such a remove, so the raw body is rewritten.
      around(request, next) {
        const body = jsonOf(request.body);
        if (
          request.method.toUpperCase() !== 'PATCH' ||
          !isJsonObject(body) ||
          !Array.isArray(body.Operations)
        )
          return next(request);
        const kept = body.Operations.filter(
          (op) => !(isJsonObject(op) && String(op.op).toLowerCase() === 'remove' && op.path === undefined),
        );
        const Operations = kept.length > 0 ? kept : [{ op: 'add', value: {} }];
        return next({ ...request, body: JSON.stringify({ ...body, Operations }) });
      },
    },
  },
  {
    id: 'primary-not-cleared',
    area: 'scim',
    bug: 'a new primary email leaves the old one primary too (RFC 7644 §3.5.2; RFC 7643 §2.4)',
    cites: ['SCIM-PATCH'],
    caughtBy: ['scim-protocol/patch-primary-unique'],
    apply: {
      steps: (strict) => ({
        ...strict,
        patch(resource, operations, schema) {
          const patched = strict.patch(resource, operations, schema);
          const was = Array.isArray(resource.emails) ? resource.emails.filter(isJsonObject) : [];
          const now = Array.isArray(patched.emails) ? patched.emails.filter(isJsonObject) : [];
          for (const email of now)
            if (was.some((old) => old.value === email.value && old.primary === true)) email.primary = true;
          return patched;
        },
      }),
    },
  },
  {
    id: 'patch-answers-partial',
    area: 'scim',
    bug: 'answers a PATCH with 200 and only schemas, id and meta (RFC 7644 §3.5.2: the entire resource)',
    cites: ['SCIM-WRITE-RESPONSE'],
    caughtBy: [
      'scim-protocol/patch-response-entire-resource',
      'scim-protocol/patch-user-answer-stored',
      'scim-protocol/patch-group-answer-stored',
    ],
    apply: answering(['PATCH'], (body) => ({ schemas: body.schemas, id: body.id, meta: body.meta })),
  },
  {
    id: 'patch-204-with-attributes',
    area: 'scim',
    bug: 'answers 204 to a PATCH that asked for attributes (RFC 7644 §3.5.2: MUST be 200)',
    cites: ['SCIM-WRITE-RESPONSE'],
    caughtBy: ['scim-protocol/patch-attributes-200'],
    apply: {
      around(request, next) {
        const response = next(request);
        if (request.method.toUpperCase() !== 'PATCH' || response.status !== 200) return response;
        return { status: 204, headers: {} };
      },
    },
  },
  {
    id: 'write-answers-previous-state',
    area: 'scim',
    bug: 'answers a PUT or PATCH with the resource as it was before the write (RFC 7644 §3.5.1, §3.5.2)',
    cites: ['SCIM-WRITE-RESPONSE'],
    caughtBy: [
      'scim-protocol/put-user-answer-stored',
      'scim-protocol/put-group-answer-stored',
      'scim-protocol/patch-user-answer-stored',
      'scim-protocol/patch-group-answer-stored',
    ],
    apply: answering(['PUT', 'PATCH'], (body, before) => before ?? body),
  },
  {
    id: 'create-answer-without-version',
    area: 'scim',
    bug: 'answers a POST before the resource is versioned: no meta.version, which a GET shows (RFC 7644 §3.3)',
    cites: ['SCIM-WRITE-RESPONSE'],
    caughtBy: ['scim-protocol/post-user-answer-stored', 'scim-protocol/post-group-answer-stored'],
    apply: answering(['POST'], (body) => {
      const { version: _version, ...meta } = isJsonObject(body.meta) ? body.meta : {};
      return { ...body, meta };
    }),
  },
  {
    id: 'put-answers-sent-readonly',
    area: 'scim',
    bug: 'answers a PUT with the id and meta the client sent, not the stored ones (RFC 7644 §3.5.1: readOnly values are ignored)',
    cites: ['SCIM-MUTABILITY'],
    caughtBy: ['scim-protocol/readonly-id-put-ignored', 'scim-protocol/readonly-meta-put-ignored'],
    apply: answering(['PUT'], (body, _before, sent) => {
      if (!isJsonObject(sent)) return body;
      const meta = isJsonObject(sent.meta) ? { ...(body.meta as JsonObject), ...sent.meta } : body.meta;
      return { ...body, ...(sent.id === undefined ? {} : { id: sent.id }), meta: meta ?? null };
    }),
  },
  {
    id: 'readonly-patch-ignored',
    area: 'scim',
    bug: 'answers 200 to a PATCH of id, meta or groups and ignores it (RFC 7644 §3.5.2: 400 mutability)',
    cites: ['SCIM-MUTABILITY'],
    caughtBy: [
      'scim-protocol/readonly-id-patch-400',
      'scim-protocol/readonly-meta-patch-400',
      'scim-protocol/readonly-groups-patch-400',
    ],
    apply: dropping((op) => /^(id|meta|groups)\b/i.test(op.path ?? '')),
  },
  {
    id: 'immutable-patch-ignored',
    area: 'scim',
    bug: 'answers 200 to a change of the immutable members.value and ignores it (RFC 7643 §2.2)',
    cites: ['SCIM-MUTABILITY'],
    caughtBy: ['scim-protocol/immutable-member-value-400'],
    apply: dropping((op) => /^members\[.*\]\.value$/i.test(op.path ?? '')),
  },
  {
    id: 'required-remove-ignored',
    area: 'scim',
    bug: 'answers 200 to a remove of the required userName and ignores it (RFC 7643 §4.1)',
    cites: ['SCIM-MUTABILITY'],
    caughtBy: ['scim-protocol/required-remove-patch-400'],
    apply: dropping((op) => op.op === 'remove' && /^username$/i.test(op.path ?? '')),
  },
  {
    id: 'password-returned',
    area: 'scim',
    bug: 'stores the password and returns it in responses (RFC 7643 §4.1.1: never returned)',
    cites: ['SCIM-RETURNED'],
    caughtBy: [
      'scim-protocol/returned-never-create',
      'scim-protocol/returned-never-read',
      'scim-protocol/returned-never-list',
      'scim-protocol/returned-never-update',
    ],
    apply: {
      profile: (profile) =>
        profile.scim === undefined
          ? profile
          : {
              ...profile,
              scim: {
                ...profile.scim,
                ignoredAttributes: profile.scim.ignoredAttributes.filter((name) => name !== 'password'),
              },
            },
      steps: (strict) => ({
        ...strict,
        represent(resource, schema, projection) {
          const shown = strict.represent(resource, schema, projection);
          return resource.password === undefined ? shown : { ...shown, password: resource.password };
        },
      }),
    },
  },
]);
