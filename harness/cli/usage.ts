/**
 * Usage text and the usage error: a bad command line exits 2 with one line that
 * says what was wrong and how to fix it.
 */

export class UsageError extends Error {
  readonly code = 'CLI_USAGE';
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

const HEAD = `sso-harness — SCIM 2.0 / SAML 2.0 conformance harness

Usage:
  sso-harness run [options]        run suites and write reports
  sso-harness merge <folder>...    merge the reports of a run's shards into one
  sso-harness serve [options]      keep the reference IdP and the mock SPs running, with a dashboard
  sso-harness load [options]       load a SCIM server (autocannon): throughput, latency, races
  sso-harness idp-metadata [opts]  write the reference IdP's metadata and certificate for your SP
  sso-harness list [what]          list sps | suites | checks | requirements | faults | dialects
  sso-harness help [command]       show this text, or one command's options
  sso-harness --version            print the version`;

/** \`run\`'s options. */
export const RUN_USAGE = `run options:
  --sp <ids>          mock SPs to run against, comma-separated (default: all)
  --suite <ids>       suites to run, comma-separated (default: all; with --scim-url: scim-protocol and the lifecycle suites)
  --out <dir>         report folder (default: sso-harness-report)
  --record <dir>      write each scenario's normalised SCIM wire transcript there (on main)
  --compare <dir>     compare the run's transcripts with that recording (on pull requests);
                      any difference is shown as a diff and makes the run exit 1
  --reporter <names>  json,junit,markdown,html (default: all four)
  --strict            warnings fail the run too
  --config <file>     read options from a JSON file (default: sso-harness.config.json when
                      present), keys named as the flags; flags given on the command line
                      win (schema: sso-harness/config.schema.json)
  --timeout <s>       how long one request to --scim-url, --sp-metadata or --identity-url
                      may take (default 10); a server that stops answering ends the run
  --shard <i>/<n>     run the i-th of n shards (each check on each target in exactly one);
                      merge the shards' report folders with 'sso-harness merge'
  --jobs <n>          threads the checks on the mock SPs run in (default: the machine's
                      cores, at most 4); 1 runs every check in this one
  --run-timeout <s>   how long the whole run may take (default: no limit); the checks not
                      finished by then are reported skipped and the run exits 2
  --scim-url <url>    run the scim-protocol and lifecycle suites against this SCIM base URL
  --token <token>     bearer token for --scim-url
  --connector <module> the connector under test: a .js/.mjs module exporting a Connector
                      (export default); the lifecycle suites provision through it
                      against the mock SPs (default suites: the lifecycle ones)
  --connector-url <url> the connector under test in any language, over HTTP: every
                      directory change is POSTed there as a JSON event (protocol
                      sso-harness-connector/1, schema in the README); the connector calls
                      the mock SPs (served on 127.0.0.1) itself and answers when done
  --connector-timeout <s>  how long one event may take (default 60)
  --chaos <spec|preset>  the resilience suite's seeded misbehaviour of every mock SP's SCIM
                      endpoints, e.g. 429=5%,503=2%,latency=20-200ms,drop=1%,
                      timeout-after-commit=1%,retry-after=1-5s,rate-limit=50/s; presets: none,
                      default (the default), flaky, slow, hostile; chooses --suite resilience
  --scale <n>         users the resilience suite's initial sync provisions (default 1000)
  --dialect <ids|all> the IdP dialects the lifecycle suites replay (see: list dialects;
                      default jumpcloud); the report's compatibility matrix has one column each
  --prefix <text>     what every user and group a run creates on --scim-url starts with
                      (default sso-harness-); all of it is removed at the end
  --keep              leave what the run created on --scim-url in place (debugging)
  --sp-metadata <url|file>   run saml-security (default) / sso against your SAML SP
  --identity-url <url>       answers with the signed-in user (text or JSON user/nameId/email)
  --identity-header <name>   or: the ACS answer names the signed-in user in this header
  --identity-json-path <path>  read the user at this path of the URL's JSON (data.user.email)
  --identity-pattern <regex>   or: the first capture group of this pattern in the answer
  --idp-keys <file>          the reference IdP's key pair that idp-metadata wrote
                             (default .sso-harness/idp-keys.json); run never
                             creates one unless --new-keys
  --new-keys                 create the --idp-keys pair when the file is missing
                             (then import its certificate into the SP)
  --sign <what>              what the IdP signs: assertion (default), response or both,
                             as your SP requires
  --encrypt                  encrypt assertions to the SP metadata's encryption certificate
  --sp-login-url <url>       the SP page that starts a login: every login answers the
                             AuthnRequest it sends (for SPs that refuse IdP-initiated logins)
  --next-idp-keys <file>     the IdP's next key pair (idp-metadata --next-idp-keys lists
                             both certificates): checks the SP trusts it during a rollover
  --retired-idp-keys <file>  a key pair the SP's IdP metadata no longer lists: checks the
                             SP refuses it
  --scim-url <url> --token <t>  with --sp-metadata: the SP's SCIM service; the
                             deprovisioning checks create a user there, sign them in,
                             set active false, then delete them
  --deprovision-wait <s>     how long the SP may take to act on that deactivation
                             before a session or login counts against it (default 3)
  --idp-entity-id <id>       (default https://sso-harness.test/idp)
  --idp-base-url <url>       where the IdP's SSO URL points (default http://127.0.0.1:8943)
  --victim <user> --attacker <user>   the accounts the attacks use
  --saml-fault <names>       turn on mock SP SAML fault switches
  --fault <names>     turn on mock SP fault switches (see: list faults)
  --idp-fault <names> turn on reference IdP fault switches (see: list faults)
  --transport <kind>  in-process (default) or http (mock SPs on 127.0.0.1)
  --seed <n>          test-data seed (default: 20261123)`;

const LIST_USAGE = `list options:
  --requirements      the same as 'list requirements'
  --requirement <q>   with 'checks': the checks citing a requirement ID or a clause ('RFC 7644 §3.5.2')`;

const EXIT_CODES = `Exit codes: 0 no error or critical finding; 1 errors or criticals (or warnings with --strict); 2 usage or configuration error.`;

export const USAGE = [HEAD, RUN_USAGE, LIST_USAGE, EXIT_CODES].join('\n\n');

/** One command's usage, for \`help <command>\` and \`<command> --help\`; undefined for an unknown command. */
export function commandUsage(command: string, more: Record<string, string> = {}): string | undefined {
  const sections: Record<string, string> = {
    ...more,
    run: RUN_USAGE,
    list: LIST_USAGE,
    'idp-metadata': `idp-metadata options:
  --out <dir>         where to write the metadata and certificate (default sso-harness-idp)
  --idp-keys <file>   the key pair (default .sso-harness/idp-keys.json; created when missing)
  --next-idp-keys <file>  a second key pair to list as well (a rollover)
  --idp-entity-id <id>    (default https://sso-harness.test/idp)
  --idp-base-url <url>    where the IdP's SSO URL points (default http://127.0.0.1:8943)`,
  };
  const section = sections[command];
  return section === undefined
    ? undefined
    : `Usage: sso-harness ${command} [options]\n\n${section}\n\n${EXIT_CODES}`;
}
