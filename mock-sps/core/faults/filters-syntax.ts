/**
 * Faults of filter syntax: filters a server should refuse with 400 invalidFilter that it
 * repairs and answers instead, and operators it reads in lower case only. Each edits the
 * filter text before the strict parser reads it.
 * @see RFC 7644 §3.4.2.2 (Figure 1), §3.12
 */
import { scimErrors } from '#harness/scim';
import { defineSpFaults } from '../fault.js';
import type { ScimMiddleware } from '../scim/fault-seams.js';
import { withListParams } from './requests.js';

const OPERATORS = new Set(['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le', 'pr', 'and', 'or', 'not']);

/** How a fault edits the filter text of every list and search before the strict parser reads it. */
export function edited(change: (text: string) => string): { around: ScimMiddleware } {
  return {
    around: (request, next, context) =>
      next(
        withListParams(request, context, (params) => {
          if (typeof params.filter === 'string' && params.filter !== '')
            params.filter = change(params.filter);
        }),
      ),
  };
}

/** The words of a filter outside its quoted strings. */
function bareWords(text: string): string[] {
  return [...text.matchAll(/"(?:[^"\\]|\\.)*"?|[^\s()[\]"]+/g)]
    .map((match) => match[0])
    .filter((word) => !word.startsWith('"'));
}

/** The SP core's faults of filter syntax. */
export const FILTER_SYNTAX_FAULTS = defineSpFaults([
  {
    id: 'operators-case-sensitive',
    area: 'scim',
    bug: 'refuses operators written in upper case, such as EQ (RFC 7644 §3.4.2.2)',
    cites: ['SCIM-LIST-FILTER'],
    caughtBy: ['scim-protocol/filter-operator-case'],
    apply: {
      around: (request, next, context) => {
        let upper: string | undefined;
        const checked = withListParams(request, context, (params) => {
          if (typeof params.filter !== 'string') return;
          upper = bareWords(params.filter).find(
            (word) => OPERATORS.has(word.toLowerCase()) && word !== word.toLowerCase(),
          );
        });
        return upper === undefined
          ? next(checked)
          : context.refuse(scimErrors.invalidFilter(`Unknown operator '${upper}'`));
      },
    },
  },
  {
    id: 'unterminated-string-closed',
    area: 'scim',
    bug: 'closes an unterminated string in a filter instead of answering 400 invalidFilter (RFC 7644 §3.12)',
    cites: ['SCIM-LIST-FILTER', 'SCIM-ERRORS'],
    caughtBy: ['scim-protocol/filter-invalid-unterminated-string'],
    apply: edited((text) =>
      (text.replace(/\\./g, '').match(/"/g)?.length ?? 0) % 2 === 1 ? `${text}"` : text,
    ),
  },
  {
    id: 'unknown-operator-as-eq',
    area: 'scim',
    bug: 'reads an operator it does not know (regex) as eq instead of answering 400 invalidFilter (RFC 7644 §3.4.2.2 MUST)',
    cites: ['SCIM-LIST-FILTER', 'SCIM-ERRORS'],
    caughtBy: ['scim-protocol/filter-invalid-unknown-operator'],
    // The word between an attribute path and a quoted value, when it is no operator: `userName regex "x"`.
    apply: edited((text) =>
      text.replace(
        /(^|[\s(])([A-Za-z][\w.:$-]*\s+)(?!(?:eq|ne|co|sw|ew|gt|ge|lt|le)\s)([A-Za-z]+)(\s+")/gi,
        '$1$2eq$4',
      ),
    ),
  },
  {
    id: 'unbalanced-parentheses-closed',
    area: 'scim',
    bug: 'closes the parentheses a filter left open instead of answering 400 invalidFilter (RFC 7644 §3.12)',
    cites: ['SCIM-LIST-FILTER', 'SCIM-ERRORS'],
    caughtBy: ['scim-protocol/filter-invalid-unbalanced-parentheses'],
    apply: edited((text) => {
      const bare = text.replace(/"(?:[^"\\]|\\.)*"/g, '');
      const open = (bare.match(/\(/g)?.length ?? 0) - (bare.match(/\)/g)?.length ?? 0);
      return open > 0 ? `${text}${')'.repeat(open)}` : text;
    }),
  },
  {
    id: 'dangling-logic-dropped',
    area: 'scim',
    bug: 'drops a trailing and/or from a filter instead of answering 400 invalidFilter (RFC 7644 §3.12)',
    cites: ['SCIM-LIST-FILTER', 'SCIM-ERRORS'],
    caughtBy: ['scim-protocol/filter-invalid-dangling-logic'],
    apply: edited((text) => text.replace(/\s+(and|or)\s*$/i, '')),
  },
]);
