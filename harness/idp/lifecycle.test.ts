import { mockSps } from '#registry';
import { describe, expect, it } from 'vitest';
import { MockSp, inProcessFetch } from '#mock-sps';
import type { JsonObject } from '#harness/scim';
import { interactCatalog } from '../../mock-sps/interact/idp.js';
import type { IdpFault } from './faults/index.js';
import { IdpError, ReferenceIdp } from './reference-idp.js';
import { PersonFactory } from '#harness/people';

/** The reference IdP with Interact activated against a real (in-process) Interact mock. */
async function activated(options: { faults?: IdpFault[]; groupManagement?: boolean } = {}) {
  const sp = new MockSp(mockSps.interact);
  const idp = new ReferenceIdp({ fetch: inProcessFetch([sp]), faults: options.faults ?? [] });
  const app = idp.createApplication(interactCatalog);
  await idp.activateIdm(app, {
    baseUrl: sp.scimBaseUrl!,
    token: sp.token,
    ...(options.groupManagement === undefined ? {} : { groupManagement: options.groupManagement }),
  });
  const people = new PersonFactory(3);
  const everyone = idp.directory.createGroup('All Users').id;
  await idp.bindGroup(app, everyone);
  /** A new directory user in each group; returns its id. */
  const member = async (...groupIds: string[]): Promise<string> => {
    const userId = await idp.createUser(people.next());
    for (const groupId of groupIds) await idp.addToGroup(groupId, userId);
    return userId;
  };
  const spUser = (userId: string) => sp.state().users.find((u) => u.id === app.users.get(userId)?.spId);
  const spGroup = (groupId: string) => sp.state().groups.find((g) => g.id === app.groups.get(groupId)?.spId);
  const members = (group: { resource: JsonObject } | undefined) =>
    ((group?.resource.members as JsonObject[] | undefined) ?? []).map((m) => m.value).sort();
  return { sp, idp, app, everyone, member, spUser, spGroup, members };
}

const eventsOf = (idp: ReferenceIdp) => idp.insights.events.map((e) => `${e.event_type}:${e.outcome}`);

describe('the integration lifecycle', () => {
  it('refuses a token change on an active integration, changing nothing, and logs a failed reauth', async () => {
    const { idp, app, sp } = await activated();
    const before = { ...app.idm };
    const requests = sp.requests().length;
    await expect(idp.updateIdm(app, { token: 'new-token' })).rejects.toThrow(
      /cannot be changed in place \(IDP-IDM-02\); deactivate the integration, update the token, then reactivate/,
    );
    await expect(idp.updateIdm(app, { baseUrl: 'https://elsewhere.test/scim' })).rejects.toThrow(IdpError);
    expect(app.idm).toEqual(before);
    expect(sp.requests()).toHaveLength(requests);
    expect(eventsOf(idp).slice(-2)).toEqual([
      'idm_integration_reauth:failure',
      'idm_integration_update:failure',
    ]);
  });

  it('changes the token through deactivate, update and reactivate, which tests the new token', async () => {
    const { idp, app, sp, everyone, member, spUser } = await activated();
    const first = await member(everyone);
    const token = sp.rotateToken();
    idp.deactivateIdm(app);
    await idp.updateIdm(app, { token });
    expect(app.idm).toMatchObject({ active: false, token });
    const pending = await member(everyone);
    expect(spUser(pending)).toBeUndefined();
    await idp.activateIdm(app);
    expect(app.idm?.active).toBe(true);
    expect(spUser(pending)?.resource.active).toBe(true);
    expect(sp.state().users.filter((u) => u.id === app.users.get(first)?.spId)).toHaveLength(1);
    expect(eventsOf(idp)).toEqual(
      expect.arrayContaining([
        'idm_integration_delete:success',
        'idm_integration_reauth:success',
        'idm_integration_activate:success',
      ]),
    );
  });

  it('refuses to activate an active integration again, and reactivation with a wrong stored token', async () => {
    const { idp, app } = await activated();
    await expect(idp.activateIdm(app)).rejects.toThrow(/already active; deactivate it first/);
    idp.deactivateIdm(app);
    await idp.updateIdm(app, { token: 'not-the-token' });
    await expect(idp.activateIdm(app)).rejects.toThrow(/failed its connection test/);
    expect(app.idm?.active).toBe(false);
  });

  it('refuses updates that name nothing, an empty token, groups the app lacks, or no integration', async () => {
    const { idp, app } = await activated();
    await expect(idp.updateIdm(app, {})).rejects.toThrow(/no setting was given/);
    idp.deactivateIdm(app);
    await expect(idp.updateIdm(app, { token: '' })).rejects.toThrow(/the token is empty/);
    const groupless = idp.createApplication({ ...interactCatalog, groups: false }, 'groupless');
    await expect(idp.updateIdm(groupless, { groupManagement: true })).rejects.toThrow(/activate it first/);
    expect(() => idp.deactivateIdm(groupless)).toThrow(/no active identity-management integration/);
  });

  it('deactivation makes no SP call, stops provisioning, and reactivation does not duplicate users', async () => {
    const { idp, app, sp, everyone, member, spUser } = await activated();
    const first = await member(everyone);
    const state = JSON.stringify(sp.state());
    const requests = sp.requests().length;
    idp.deactivateIdm(app);
    const second = await member(everyone);
    await idp.updateUser(first, { lastname: 'Later' });
    await idp.setSuspended(first, true);
    expect(sp.requests()).toHaveLength(requests);
    expect(JSON.stringify(sp.state())).toBe(state);
    expect(idp.insights.events.at(-1)).toMatchObject({
      event_type: 'idm_integration_delete',
      outcome: 'success',
    });
    await idp.activateIdm(app);
    expect(spUser(second)?.resource.active).toBe(true);
    expect(spUser(first)?.resource.active).toBe(false);
    expect(sp.state().users).toHaveLength(2);
  });

  it('deleting the application makes no SP call and leaves its users active', async () => {
    const { idp, app, sp, everyone, member, spUser } = await activated();
    const userId = await member(everyone);
    const requests = sp.requests().length;
    idp.deleteApplication(app);
    await idp.settled();
    await idp.setSuspended(userId, true);
    expect(sp.requests()).toHaveLength(requests);
    expect(spUser(userId)?.resource.active).toBe(true);
  });

  it('with deprovision-on-app-delete, deactivates the users of the deleted application', async () => {
    const { idp, app, everyone, member, spUser } = await activated({ faults: ['deprovision-on-app-delete'] });
    const userId = await member(everyone);
    idp.deleteApplication(app);
    await idp.settled();
    expect(spUser(userId)?.resource.active).toBe(false);
  });
});

describe('group lifecycle', () => {
  it('takes over an SP group of the same displayName', async () => {
    const { idp, app, sp, member, spGroup } = await activated();
    const existing = sp.seedGroup({ displayName: 'Engineering' });
    const groupId = idp.directory.createGroup('Engineering').id;
    await idp.bindGroup(app, groupId);
    await member(groupId);
    expect(spGroup(groupId)?.id).toBe(existing);
    expect(sp.state().groups).toHaveLength(1);
  });

  it('renames the pushed group in the SP, and refuses an empty or taken name', async () => {
    const { idp, everyone, member, spGroup } = await activated();
    await member(everyone);
    const id = spGroup(everyone)?.id;
    await idp.renameGroup(everyone, 'Everyone');
    expect(spGroup(everyone)).toMatchObject({ id, resource: { displayName: 'Everyone' } });
    expect(idp.insights.events.at(-1)).toMatchObject({
      event_type: 'group_update_provision',
      outcome: 'success',
      resource: { name: 'Everyone' },
    });
    const other = idp.directory.createGroup('Sales').id;
    await expect(idp.renameGroup(everyone, ' ')).rejects.toThrow(/cannot be empty/);
    await expect(idp.renameGroup(everyone, 'sales')).rejects.toThrow(/taken by group/);
    await expect(idp.renameGroup('g-missing', 'X')).rejects.toThrow(IdpError);
    expect(idp.directory.group(other).name).toBe('Sales');
  });

  it('unbinding leaves the SP group as it is and deactivates only members no bound group holds', async () => {
    const { idp, app, sp, everyone, member, spUser, spGroup, members } = await activated();
    const contractors = idp.directory.createGroup('Contractors').id;
    await idp.bindGroup(app, contractors);
    const shared = await member(everyone, contractors);
    const only = await member(contractors);
    const before = spGroup(contractors)!;
    const requests = sp.requests().length;
    await idp.unbindGroup(app, contractors);
    expect(spUser(shared)?.resource.active).toBe(true);
    expect(spUser(only)?.resource.active).toBe(false);
    const after = sp.state().groups.find((g) => g.id === before.id);
    expect(members(after)).toEqual(members(before));
    expect(
      sp
        .requests()
        .slice(requests)
        .filter((r) => r.path.startsWith('/Groups')),
    ).toEqual([]);
    await idp.addToGroup(contractors, await idp.createUser(new PersonFactory(9).next()));
    expect(
      sp
        .requests()
        .slice(requests)
        .filter((r) => r.path.startsWith('/Groups')),
    ).toEqual([]);
    await expect(idp.unbindGroup(app, contractors)).rejects.toThrow(/is not bound to interact/);
  });

  it('deleting a group deletes it in the SP, with the same rule for its members', async () => {
    const { idp, app, sp, everyone, member, spUser, spGroup } = await activated();
    const contractors = idp.directory.createGroup('Contractors').id;
    await idp.bindGroup(app, contractors);
    const shared = await member(everyone, contractors);
    const only = await member(contractors);
    const spId = spGroup(contractors)!.id;
    await idp.deleteGroup(contractors);
    expect(sp.state().groups.map((g) => g.id)).not.toContain(spId);
    expect(spUser(shared)?.resource.active).toBe(true);
    expect(spUser(only)?.resource.active).toBe(false);
    expect(idp.insights.ofType('group_delete_provision')).toMatchObject([{ outcome: 'success' }]);
    expect(app.boundGroups.has(contractors)).toBe(false);
    await expect(idp.deleteGroup(contractors)).rejects.toThrow(/No group .* in the directory/);
  });

  it('disabling group management stops group calls and keeps users managed; enabling syncs again', async () => {
    const { idp, app, sp, everyone, member, spUser, spGroup, members } = await activated();
    const a = await member(everyone);
    const before = members(spGroup(everyone));
    await idp.updateIdm(app, { groupManagement: false });
    expect(idp.insights.events.at(-1)).toMatchObject({
      event_type: 'idm_integration_update',
      detail: 'group management disabled',
    });
    const requests = sp.requests().length;
    const b = await member(everyone);
    await idp.removeFromGroup(everyone, a);
    expect(spUser(b)?.resource.active).toBe(true);
    expect(spUser(a)?.resource.active).toBe(false);
    expect(
      sp
        .requests()
        .slice(requests)
        .filter((r) => r.path.startsWith('/Groups')),
    ).toEqual([]);
    expect(members(spGroup(everyone))).toEqual(before);
    await idp.updateIdm(app, { groupManagement: true });
    expect(members(spGroup(everyone))).toEqual([app.users.get(b)!.spId]);
  });

  it('refuses to enable group management for an app without groups', async () => {
    const sp = new MockSp(mockSps.interact);
    const idp = new ReferenceIdp({ fetch: inProcessFetch([sp]) });
    const app = idp.createApplication({ ...interactCatalog, groups: false });
    await idp.activateIdm(app, { baseUrl: sp.scimBaseUrl!, token: sp.token });
    await expect(idp.updateIdm(app, { groupManagement: true })).rejects.toThrow(/has no SCIM groups/);
    expect(app.idm?.groupManagement).toBe(false);
  });
});
