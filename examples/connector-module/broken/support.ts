/**
 * What the broken variants share: how a variant injects its one bug under the good
 * connector's unchanged logic (a context whose requests go out changed, for some of the
 * connector's calls or for all of them), and how it lists the checks that catch it.
 */
import { withContext } from 'sso-harness';
import type { Connector, ConnectorContext } from 'sso-harness';

type Json = Record<string, unknown>;

/** `ctx` whose requests carry their JSON body as `rewrite` changes it. */
export function rewritingBodies(ctx: ConnectorContext, rewrite: (body: Json) => void): ConnectorContext {
  const transport: ConnectorContext['transport'] = (url, init) => {
    if (typeof init.body !== 'string') return ctx.transport(url, init);
    const body = JSON.parse(init.body) as Json;
    rewrite(body);
    return ctx.transport(url, { ...init, body: JSON.stringify(body) });
  };
  return { ...ctx, transport };
}

/** `connector` named `name`, every call's context changed by `change` first. */
export function renamedWithContext(
  connector: Connector,
  name: string,
  change: (ctx: ConnectorContext) => ConnectorContext,
): Connector {
  return { ...withContext(connector, change), name };
}

/** The mock SPs the reference IdP provisions over SCIM (Outreach takes no SCIM: its checks do not apply). */
export const SCIM_APPS = ['interact', 'profitco', 'salesforce', 'sparkpost'] as const;
/** Those that take groups. */
export const GROUP_APPS = ['interact', 'salesforce'] as const;

type App = (typeof SCIM_APPS)[number];

/** Check keys as report.json names them, `<app> <check id>`, from each check's failing apps. */
export const failing = (byCheck: Record<string, readonly App[]>): string[] =>
  Object.entries(byCheck).flatMap(([check, apps]) => apps.map((app) => `${app} ${check}`));
