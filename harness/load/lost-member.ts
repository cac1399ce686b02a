/**
 * The lost-member race: PATCH adds of different members to one group, sent at once, must all be
 * in the group when it is read back (a read-modify-write that is not atomic keeps only some).
 * @see RFC 7644 §3.5.2 (SCIM-PATCH)
 */
import { isJsonObject, type ScimClient } from '#harness/scim';
import type { CreatedResources } from './cleanup.js';
import type { ResolvedLoadOptions } from './options.js';
import { burst, firstFailure, is2xx, statusesInWords, type ProbeResult } from './probe.js';
import { syncedBurst } from './synced-burst.js';
import { answerInWords, createdId, groupBody, patchBody, userBody } from './server.js';

const TITLE = 'concurrent PATCH adds of different members to one group all stay';

/** The member ids the group lists, or undefined when it cannot be read. */
async function membersOf(client: ScimClient, groupId: string): Promise<Set<string> | undefined> {
  const read = await client.get(`/Groups/${encodeURIComponent(groupId)}`).catch(() => undefined);
  if (read === undefined || read.status !== 200 || !isJsonObject(read.body)) return undefined;
  const members = Array.isArray(read.body.members) ? read.body.members : [];
  return new Set(
    members.flatMap((member) =>
      isJsonObject(member) && typeof member.value === 'string' ? [member.value] : [],
    ),
  );
}

/** The PatchOp that adds one member. */
const addition = (userId: string) => patchBody([{ op: 'add', path: 'members', value: [{ value: userId }] }]);

/** Creates a group and its would-be members, adds one alone (the control), then the others at once. */
export async function lostMemberRace(
  client: ScimClient,
  options: ResolvedLoadOptions,
  created: CreatedResources,
): Promise<ProbeResult> {
  const base = { id: 'lost-member', title: TITLE, requirement: 'SCIM-PATCH' } as const;
  const result = (
    verdict: ProbeResult['verdict'],
    summary: string,
    findings: string[] = [],
    notices: string[] = [],
  ) => ({
    ...base,
    verdict,
    summary,
    findings,
    notices,
  });
  options.onProgress(`lost-member race: ${options.members} PATCH adds to one group at once`);
  const group = await client.post('/Groups', groupBody(`${options.runPrefix}group`)).catch(() => undefined);
  if (group === undefined) return result('inconclusive', 'POST /Groups got no answer');
  const groupId = createdId(group);
  if (groupId === undefined) {
    return [404, 405, 501].includes(group.status)
      ? result('not-applicable', `the server does not serve /Groups (POST /Groups answered ${group.status})`)
      : result('inconclusive', `could not create a group: POST /Groups answered ${answerInWords(group)}`);
  }
  created.add('Groups', groupId);
  const users = await burst(
    Array.from(
      { length: options.members },
      (_, i) => () => client.post('/Users', userBody(`${options.runPrefix}m${i}@example.com`)),
    ),
  );
  const userIds = users.flatMap((answer) => (is2xx(answer) && createdId(answer) ? [createdId(answer)!] : []));
  for (const id of userIds) created.add('Users', id);
  if (userIds.length < 3)
    return result(
      'inconclusive',
      `could create only ${userIds.length} of ${options.members} member users (${statusesInWords(users)})`,
    );
  const [control, ...racers] = userIds as [string, ...string[]];
  const alone = await client
    .patch(`/Groups/${encodeURIComponent(groupId)}`, addition(control))
    .catch(() => undefined);
  const afterControl = await membersOf(client, groupId);
  if (alone === undefined || !is2xx(alone) || afterControl === undefined || !afterControl.has(control))
    return result(
      'inconclusive',
      `a member added alone did not show on read-back (PATCH answered ${alone ? answerInWords(alone) : 'nothing'}), so the race cannot be judged`,
    );
  const answers = await syncedBurst(
    options,
    'PATCH',
    `/Groups/${encodeURIComponent(groupId)}`,
    racers.map((id) => JSON.stringify(addition(id))),
  );
  const accepted = racers.filter((_, i) => is2xx(answers[i]!));
  const after = await membersOf(client, groupId);
  if (after === undefined)
    return result('inconclusive', `GET /Groups/${groupId} could not be read after the race`);
  const lost = [control, ...accepted].filter((id) => !after.has(id));
  const notices: string[] = [];
  if (accepted.length < racers.length)
    notices.push(
      `${racers.length - accepted.length} of ${racers.length} PATCH adds were refused (${statusesInWords(answers)}): a refused add is not lost, but a client must retry it`,
    );
  const failure = firstFailure(answers);
  if (failure) notices.push(`some PATCH adds got no answer (${failure})`);
  if (lost.length > 0)
    return result(
      'failed',
      `lost members: ${lost.length} of ${accepted.length + 1} members whose add answered 2xx are not in the group`,
      [
        `${lost.length} of the ${accepted.length + 1} members whose PATCH add to group ${groupId} answered 2xx are missing on read-back (the concurrent adds answered ${statusesInWords(answers)}): ${lost.slice(0, 5).join(', ')}${lost.length > 5 ? '…' : ''}; a PATCH add applies to the group as it is, keeping the members other requests added (RFC 7644 §3.5.2)`,
      ],
      notices,
    );
  if (accepted.length === 0)
    return result(
      'inconclusive',
      `every concurrent PATCH add was refused (${statusesInWords(answers)})`,
      [],
      notices,
    );
  return result(
    'passed',
    `${accepted.length} concurrent adds (${statusesInWords(answers)}): every member is in the group`,
    [],
    notices,
  );
}
