/**
 * BUG: syncs group membership with one PATCH `replace` of the whole members list instead of
 * an `add` of the current members and a `remove` of the ones gone (IDP-IDM-13). The group
 * lookup, take-over and create are the good connector's.
 */
import type { Connector, ConnectorContext } from 'sso-harness';
import { connector as good } from '../connector.js';
import { GROUP_APPS, failing, rewritingBodies } from './support.js';

/**
 * What catches it, where groups exist: the check that reads the membership operations sent
 * (IDP-IDM-13), and the large group's, whose members go in several requests (IDP-IDM-14): each
 * replace keeps only its own run of members.
 */
export const expectedFailures = failing({
  'group-sync/membership-follows-changes': GROUP_APPS,
  'group-sync/large-group-within-body-limit': GROUP_APPS,
});

type Op = { op?: string; path?: string; value?: unknown };

const replacingMembers = (ctx: ConnectorContext): ConnectorContext =>
  rewritingBodies(ctx, (body) => {
    if (!Array.isArray(body.Operations)) return; // a create: its members list is the whole list anyway
    const ops = body.Operations as Op[];
    const current = ops.find((op) => op.op === 'add' && op.path === 'members')?.value ?? [];
    body.Operations = [
      ...ops.filter((op) => op.path !== 'members'),
      { op: 'replace', path: 'members', value: current },
    ];
  });

/** @public What `run --connector` loads. */
export const connector: Connector = {
  ...good,
  name: 'replace-members',
  syncGroup: (ctx, group, members, link) => good.syncGroup(replacingMembers(ctx), group, members, link),
};
