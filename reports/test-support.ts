/**
 * A deterministic sample run for the report writers' tests: every status, every
 * severity, HTTP and SAML evidence with bodies, and strings that need escaping
 * in each output format (`<`, `&`, `"`, `]]>`, `</script>`, backticks, `|`,
 * newlines, control characters, non-BMP unicode).
 */

import { REPORT_SCHEMA_VERSION, summarize } from './model.js';
import type { CheckResult, HttpExchange, RunReport } from './model.js';

/** Text that breaks naive XML, HTML, Markdown and JSON-in-HTML writers. */
export const NASTY_TEXT = 'Zoë "Q" <b>&amp;</b> ]]> </script><!-- | `x` 名前 🚀\nsecond line';

const SCIM_JSON = 'application/scim+json';

function exchange(method: string, path: string, body: string | undefined, status: number, answer?: string) {
  const result: HttpExchange = {
    request: {
      method,
      url: `https://okta.mock.test/scim/v2${path}`,
      headers: { 'content-type': SCIM_JSON, authorization: 'Bearer [masked]' },
      ...(body === undefined ? {} : { body }),
    },
    response: {
      status,
      headers: { 'content-type': SCIM_JSON },
      ...(answer === undefined ? {} : { body: answer }),
    },
    durationMs: 12,
  };
  return result;
}

const PATCH_BODY = JSON.stringify(
  {
    schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
    Operations: [{ op: 'replace', path: 'displayName', value: NASTY_TEXT }],
  },
  null,
  2,
);

const XSW_XML = [
  '<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="_r1">',
  '  <saml:Assertion ID="_evil"><saml:NameID>attacker@evil.test</saml:NameID></saml:Assertion>',
  '  <!-- wrapped original: <![CDATA[ x ]]> -->',
  '</samlp:Response>',
].join('\n');

/** The sample results, in run order. */
export function sampleResults(): CheckResult[] {
  return [
    {
      scenario: 'scim-protocol/create-returns-201',
      suite: 'scim-protocol',
      title: 'POST /Users returns 201 with the created resource',
      sp: 'okta',
      status: 'passed',
      level: 'MUST',
      requirements: ['SCIM-3.3', 'IDP-IDM-03'],
      message: 'POST /Users answered 201 with id and meta.location',
      evidence: [
        { kind: 'http', exchange: exchange('POST', '/Users', '{"userName":"ada"}', 201, '{"id":"u1"}') },
      ],
      durationMs: 14,
    },
    {
      scenario: 'scim-protocol/patch-replace-display-name',
      suite: 'scim-protocol',
      title: 'PATCH replace keeps the exact value',
      sp: 'okta',
      status: 'failed',
      level: 'MUST',
      severity: 'error',
      requirements: ['SCIM-3.5.2', 'SF-14'],
      message: `displayName came back altered:\nexpected ${JSON.stringify(NASTY_TEXT)};\nfix the PATCH handler\u001b[0m`,
      evidence: [
        {
          kind: 'http',
          label: 'PATCH <the user> & read back',
          exchange: exchange('PATCH', '/Users/u1', PATCH_BODY, 200, '{"displayName":"```Zoë```"}'),
        },
        { kind: 'note', text: 'value compared byte for byte | after Unicode NFC' },
      ],
      durationMs: 31,
    },
    {
      scenario: 'saml-security/xsw-wrapped-assertion',
      suite: 'saml-security',
      title: 'Signature wrapping: a wrapped assertion is rejected',
      sp: 'salesforce',
      status: 'failed',
      level: 'MUST',
      severity: 'critical',
      security: true,
      requirements: ['INT-04'],
      message: 'The SP logged in attacker@evil.test from an unsigned assertion (a bypass)',
      evidence: [
        {
          kind: 'saml',
          label: 'XSW #3',
          xml: XSW_XML,
          answer: {
            request: {
              method: 'POST',
              url: 'https://salesforce.mock.test/acs',
              headers: {},
              body: 'SAMLResponse=…',
            },
            response: { status: 302, headers: { location: '/home' } },
            durationMs: 8,
          },
        },
      ],
      durationMs: 22,
    },
    {
      scenario: 'scim-protocol/etag-on-get',
      suite: 'scim-protocol',
      title: 'GET returns an ETag header',
      sp: 'okta',
      status: 'failed',
      level: 'SHOULD',
      severity: 'warning',
      requirements: ['SCIM-3.14'],
      message: 'No ETag header although /ServiceProviderConfig advertises etag.supported',
      evidence: [{ kind: 'http', exchange: exchange('GET', '/Users/u1', undefined, 200, '{"id":"u1"}') }],
      durationMs: 5,
    },
    {
      scenario: 'scim-protocol/filter-co',
      suite: 'scim-protocol',
      title: 'Filter with co',
      sp: 'salesforce',
      status: 'failed',
      level: 'MAY',
      severity: 'note',
      requirements: ['SCIM-3.4.2.2'],
      message: 'filter=userName co "a" answered 400 invalidFilter',
      reason: 'softened: the SP does not advertise filter operators beyond eq',
      evidence: [
        { kind: 'data', label: 'SP config', data: { filter: { supported: false }, note: '</script>' } },
      ],
      durationMs: 4,
    },
    {
      scenario: 'scim-protocol/groups-crud',
      suite: 'scim-protocol',
      title: 'Group create, read, update, delete',
      sp: 'salesforce',
      status: 'not-applicable',
      level: 'MUST',
      requirements: ['SCIM-3.3'],
      message: 'not run',
      reason: 'requires scim.groups; the salesforce profile has groups: false',
      evidence: [],
      durationMs: 0,
    },
    {
      scenario: 'saml-sso/sp-initiated',
      suite: 'saml-sso',
      title: 'SP-initiated login',
      sp: 'okta',
      status: 'skipped',
      level: 'DOC',
      requirements: ['SF-02'],
      message: 'not run',
      reason: 'okta ACS unreachable: connect ECONNREFUSED 127.0.0.1:9',
      evidence: [],
      durationMs: 0,
    },
    {
      scenario: 'saml-sso/idp-initiated',
      suite: 'saml-sso',
      title: 'IdP-initiated login </script><script>alert(1)</script>',
      sp: 'salesforce',
      status: 'passed',
      level: 'DOC',
      requirements: ['SF-03'],
      message: 'Logged in as ada@example.test (the signed identity)',
      evidence: [],
      durationMs: 18,
    },
  ];
}

/** Options for {@link sampleReport}. */
export interface SampleReportOptions {
  /** @default false */
  strict?: boolean;
  /** Replaces the results; the summary is recomputed from them. @default sampleResults() */
  results?: CheckResult[];
}

/** A complete, valid sample run whose summary matches its results. */
export function sampleReport(options: SampleReportOptions = {}): RunReport {
  const strict = options.strict ?? false;
  const results = options.results ?? sampleResults();
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: 'sso-harness', version: '0.1.0' },
    startedAt: '2025-01-02T03:04:05.000Z',
    finishedAt: '2025-01-02T03:04:06.250Z',
    durationMs: 1250,
    options: {
      suites: ['scim-protocol', 'saml-security', 'saml-sso'],
      sps: ['okta', 'salesforce'],
      strict,
      seed: 42,
    },
    targets: [
      { sp: 'okta', kind: 'mock', scimBaseUrl: 'https://okta.mock.test/scim/v2', transport: 'in-process' },
      { sp: 'salesforce', kind: 'mock', transport: 'in-process' },
    ],
    results,
    summary: summarize(results, strict),
    requirements: {
      'SCIM-3.5.2': {
        level: 'MUST',
        text: `PATCH keeps the exact value sent: ${NASTY_TEXT}`,
        source: 'RFC 7644, §3.5.2 (Modifying with PATCH)',
      },
      'INT-04': {
        level: 'DOC',
        text: 'addresses.locality arrives but is stored as addresses.formatted',
        source: 'JumpCloud guide "Integrate with Interact Software", Interact User Attributes',
        assumed: 'nothing',
      },
    },
  };
}
