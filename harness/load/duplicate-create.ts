/**
 * The duplicate-create race: many creates of one userName at once must give exactly one user,
 * the others refused with 409 uniqueness, and a filter on the userName must find exactly one.
 * @see RFC 7644 §3.3, §3.12 (SCIM-UNIQUENESS)
 */
import { isJsonObject, type ScimClient } from '#harness/scim';
import type { CreatedResources } from './cleanup.js';
import type { ResolvedLoadOptions } from './options.js';
import { answered, firstFailure, is2xx, statusesInWords, type ProbeResult, type Reply } from './probe.js';
import { syncedBurst } from './synced-burst.js';
import { createdId, userBody, userNameFilter } from './server.js';

/** What one round sent and found. */
export interface RaceRound {
  userName: string;
  answers: string;
  /** Creates answered 2xx. */
  created: string[];
  /** 409s without scimType uniqueness. */
  bare409: number;
  /** Answers neither 2xx nor 409 (429, 5xx…), by status. */
  others: number;
  /** Users the filter found afterwards; undefined when it could not be read. */
  found: number | undefined;
  filterProblem?: string;
  noAnswer?: string;
}

async function round(
  client: ScimClient,
  options: ResolvedLoadOptions,
  created: CreatedResources,
  index: number,
): Promise<RaceRound> {
  const userName = `${options.runPrefix}race${index}@example.com`;
  const sent = JSON.stringify(userBody(userName));
  const answers = await syncedBurst(options, 'POST', '/Users', Array<string>(options.raceSize).fill(sent));
  const wins = answers.filter(is2xx);
  const ids = wins.map((answer) => createdId(answer) ?? '(no id)');
  for (const id of ids) if (id !== '(no id)') created.add('Users', id);
  const refused = answers.filter((answer): answer is Reply => answered(answer) && answer.status === 409);
  const result: RaceRound = {
    userName,
    answers: statusesInWords(answers),
    created: ids,
    bare409: refused.filter((answer) => !(isJsonObject(answer.body) && answer.body.scimType === 'uniqueness'))
      .length,
    others: answers.length - wins.length - refused.length,
    found: undefined,
    ...(firstFailure(answers) === undefined ? {} : { noAnswer: firstFailure(answers)! }),
  };
  const read = await client
    .get('/Users', { query: { filter: userNameFilter(userName) } })
    .catch((error: unknown) => String(error));
  if (typeof read === 'string') return { ...result, filterProblem: `no answer (${read})` };
  const body = isJsonObject(read.body) ? read.body : {};
  const resources = Array.isArray(body.Resources) ? body.Resources : [];
  for (const resource of resources)
    if (isJsonObject(resource) && typeof resource.id === 'string') created.add('Users', resource.id);
  if (read.status !== 200 || typeof body.totalResults !== 'number')
    return { ...result, filterProblem: `answered ${read.status}` };
  return { ...result, found: body.totalResults };
}

/** Runs the race `raceRounds` times, each with its own userName, and judges every round. */
export async function duplicateCreateRace(
  client: ScimClient,
  options: ResolvedLoadOptions,
  created: CreatedResources,
): Promise<ProbeResult & { rounds: RaceRound[] }> {
  const rounds: RaceRound[] = [];
  for (let index = 1; index <= options.raceRounds; index++) {
    options.onProgress(
      `duplicate-create race: round ${index} of ${options.raceRounds}, ${options.raceSize} creates of one userName at once`,
    );
    rounds.push(await round(client, options, created, index));
  }
  const findings: string[] = [];
  const notices: string[] = [];
  rounds.forEach((r, i) => {
    const label = `round ${i + 1} (userName '${r.userName}')`;
    if (r.created.length > 1)
      findings.push(
        `${label}: ${r.created.length} of ${options.raceSize} concurrent POST /Users answered 2xx (${r.answers}): ${r.created.length} users now hold one userName, ids ${r.created.slice(0, 5).join(', ')}${r.created.length > 5 ? '…' : ''}; exactly one create may succeed, the others must answer 409 uniqueness (RFC 7644 §3.3)`,
      );
    if (r.found !== undefined && r.found > 1)
      findings.push(
        `${label}: filter ${userNameFilter(r.userName)} found ${r.found} users after the race; exactly one may hold a userName (RFC 7644 §3.3)`,
      );
    if (r.bare409 > 0)
      notices.push(`${label}: ${r.bare409} of the 409s had no scimType "uniqueness" (RFC 7644 §3.12)`);
    if (r.others > 0) notices.push(`${label}: answers other than 2xx and 409: ${r.answers}`);
    if (r.filterProblem)
      notices.push(`${label}: the read-back filter ${r.filterProblem}; only the create answers were judged`);
    if (r.noAnswer) notices.push(`${label}: some creates got no answer (${r.noAnswer})`);
  });
  const judged = rounds.filter((r) => r.created.length > 0 || (r.found ?? 0) > 0);
  const verdict = findings.length > 0 ? 'failed' : judged.length === 0 ? 'inconclusive' : 'passed';
  const duplicates = Math.max(0, ...rounds.map((r) => Math.max(r.created.length, r.found ?? 0)));
  return {
    id: 'duplicate-create',
    title: `${options.raceSize} concurrent creates of one userName give exactly one user`,
    requirement: 'SCIM-UNIQUENESS',
    verdict,
    summary:
      verdict === 'inconclusive'
        ? `no create succeeded in ${rounds.length} rounds (${rounds.map((r) => r.answers).join('; ')}); the race could not be judged`
        : verdict === 'failed'
          ? `duplicate users: up to ${duplicates} users with one userName in ${rounds.filter((r) => r.created.length > 1 || (r.found ?? 0) > 1).length} of ${rounds.length} rounds`
          : `${rounds.length} rounds of ${options.raceSize}: one user each (${rounds[0]!.answers})`,
    findings,
    notices,
    rounds,
  };
}
