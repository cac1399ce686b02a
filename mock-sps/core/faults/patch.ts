/**
 * Faults of PATCH: operations dropped, rewritten or applied one by one, op names read
 * case-sensitively, member adds that are not idempotent.
 * @see RFC 7644 §3.5.2
 */
import { findKey, isJsonObject, scimErrors, type JsonObject, type PatchOperation } from '#harness/scim';
import { defineSpFaults } from '../fault.js';
import type { CoreResponse } from '../http.js';
import { jsonOf, operationsOf, patchBody, withOperations } from './requests.js';

/** `replace name.givenName` rewritten to replace the whole of `name`, as an SP that loses the siblings does. */
function clearParentOnReplace(op: PatchOperation): PatchOperation[] {
  const match =
    op.op === 'replace' && op.path !== undefined ? /^([A-Za-z]\w*)\.([A-Za-z]\w*)$/.exec(op.path) : null;
  if (!match) return [op];
  return [
    { op: 'remove', path: match[1]! },
    { op: 'add', path: match[1]!, value: { [match[2]!]: op.value } },
  ];
}

/** Appends the members an operation adds once more, as a non-idempotent SP does. */
function duplicateMemberAdds(resource: JsonObject, operations: readonly PatchOperation[]): void {
  const key = findKey(resource, 'members');
  if (key === undefined || !Array.isArray(resource[key])) return;
  const members = resource[key] as unknown[];
  for (const op of operations) {
    if (op.op === 'add' && op.path?.toLowerCase() === 'members' && Array.isArray(op.value))
      members.push(...op.value);
  }
}

/** The index of the first operation whose `op` is not written in lower case, as a case-sensitive SP reads it. */
function firstNotLowerCase(body: unknown): number {
  const operations = isJsonObject(body) ? body.Operations : undefined;
  if (!Array.isArray(operations)) return 0;
  return operations.findIndex((operation) => {
    const op = isJsonObject(operation) ? operation.op : undefined;
    return typeof op !== 'string' || op !== op.toLowerCase();
  });
}

/** The SP core's faults of PATCH. */
export const PATCH_FAULTS = defineSpFaults([
  {
    id: 'case-sensitive-patch-op',
    area: 'scim',
    bug: 'refuses "Replace" and other op names not in lower case (RFC 7644 §3.5.2)',
    cites: ['SCIM-PATCH'],
    caughtBy: [
      'scim-protocol/patch-op-case-insensitive',
      'scim-protocol/patch-op-case-add',
      'scim-protocol/patch-op-case-remove',
      'scim-protocol/patch-op-upper-case',
    ],
    apply: {
      around(request, next, context) {
        if (operationsOf(request) === undefined) return next(request);
        const bad = firstNotLowerCase(jsonOf(request.body));
        if (bad < 0) return next(request);
        return context.refuse(scimErrors.invalidSyntax(`Unknown op in operation ${bad + 1}`));
      },
    },
  },
  {
    id: 'non-atomic-patch',
    area: 'scim',
    bug: 'applies the operations before a failing one (RFC 7644 §3.5.2: all or nothing)',
    cites: ['SCIM-PATCH'],
    caughtBy: ['scim-protocol/patch-atomic'],
    apply: {
      around(request, next) {
        const operations = operationsOf(request);
        if (operations === undefined || operations.length < 2) return next(request);
        // One write per operation; the If-Match guards the first, as the later ones see its version.
        const { 'if-match': _ifMatch, ...later } = request.headers;
        let response: CoreResponse | undefined;
        for (const [i, operation] of operations.entries()) {
          const headers = i === 0 ? request.headers : later;
          response = next({ ...request, headers, body: JSON.stringify(patchBody([operation])) });
          if (response.status >= 400) break;
        }
        return response!;
      },
    },
  },
  {
    id: 'pathless-patch-ignored',
    area: 'scim',
    bug: 'ignores PATCH operations that have no path (RFC 7644 §3.5.2)',
    cites: ['SCIM-PATCH'],
    caughtBy: ['scim-protocol/patch-pathless', 'scim-protocol/patch-pathless-add'],
    apply: {
      around: (request, next) =>
        next(withOperations(request, (operations) => operations.filter((op) => op.path !== undefined))),
    },
  },
  {
    id: 'sub-attribute-replace-clears-parent',
    area: 'scim',
    bug: 'replacing name.givenName drops the other sub-attributes of name (RFC 7644 §3.5.2.3)',
    cites: ['SCIM-PATCH'],
    caughtBy: ['scim-protocol/patch-replace'],
    apply: {
      around: (request, next) =>
        next(withOperations(request, (operations) => operations.flatMap(clearParentOnReplace))),
    },
  },
  {
    id: 'ignore-member-remove-filter',
    area: 'scim',
    bug: 'ignores a remove with a members[value eq "…"] filter (RFC 7644 §3.5.2.2)',
    cites: ['SCIM-PATCH'],
    caughtBy: ['scim-protocol/patch-remove-member-filter'],
    apply: {
      around: (request, next) =>
        next(
          withOperations(request, (operations) =>
            operations.filter((op) => !(op.op === 'remove' && /^members\[/i.test(op.path ?? ''))),
          ),
        ),
    },
  },
  {
    id: 'member-add-duplicates',
    area: 'scim',
    bug: 'adds a member again when the add is repeated',
    cites: ['IDP-IDM-13', 'SCIM-PATCH'],
    caughtBy: ['scim-protocol/patch-member-add-idempotent'],
    apply: {
      steps: (strict) => ({
        ...strict,
        patch(resource, operations, schema) {
          const patched = strict.patch(resource, operations, schema);
          duplicateMemberAdds(patched, operations);
          return patched;
        },
      }),
    },
  },
]);
