/**
 * The conformance checks as vitest tests: the reference IdP provisions the Salesforce mock SP,
 * one `describe` per target and suite, one `it` per check. A failed check fails its test with
 * the check's message, the requirement IDs and the exchanges it saw; a warning is annotated and
 * fails only with `strict: true`; a check that does not apply is skipped with the reason.
 */
import { registerConformance } from 'sso-harness/vitest';

registerConformance({
  sp: ['salesforce'],
  suites: ['provisioning'],
  // One folder per test file under sso-harness-vitest/: `npx sso-harness merge sso-harness-vitest/*`.
  report: 'sso-harness-vitest',
});
