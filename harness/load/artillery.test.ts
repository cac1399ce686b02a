import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ARTILLERY_TOKEN_VARIABLE, artilleryScript, artilleryYaml } from './artillery.js';
import { WORKLOADS } from './options.js';

const options = {
  scimUrl: 'https://scim.example.com/scim/v2/',
  durationSeconds: 30,
  arrivalRate: 5,
  workloads: WORKLOADS,
  prefix: 'sso-harness-load-',
};

interface Script {
  config: {
    target: string;
    phases: { duration: number; arrivalRate: number }[];
    defaults: { headers: Record<string, string> };
  };
  scenarios: { name: string; weight: number; flow: Record<string, Record<string, unknown>>[] }[];
}

const parsed = (yaml: string): Script => parse(yaml) as Script;

describe('the Artillery export', () => {
  it('is YAML with config.target, config.phases, the default headers and the scenarios', () => {
    const script = parsed(artilleryYaml(options));
    expect(script.config.target).toBe('https://scim.example.com');
    expect(script.config.phases).toEqual([{ duration: 30, arrivalRate: 5, name: 'sso-harness load' }]);
    expect(script.config.defaults.headers).toEqual({
      Authorization: `Bearer {{ $processEnvironment.${ARTILLERY_TOKEN_VARIABLE} }}`,
      Accept: 'application/scim+json',
      'Content-Type': 'application/scim+json',
    });
    expect(script.scenarios.map((scenario) => scenario.name)).toEqual([
      'create, lookup, patch (then delete)',
      'list',
    ]);
  });

  it('parses back to the same data it was written from', () => {
    expect(parse(artilleryYaml(options))).toEqual(artilleryScript(options));
  });

  it('sends the same requests: a create with a unique userName, the lookup, the PATCH, the delete, a page', () => {
    const [user, list] = parsed(artilleryYaml(options)).scenarios;
    const steps = user!.flow.map((step) => Object.keys(step)[0]);
    expect(steps).toEqual(['post', 'get', 'patch', 'delete']);
    const create = user!.flow[0]!.post!;
    expect(create.url).toBe('/scim/v2/Users');
    expect((create.json as { userName: string }).userName).toBe(
      'sso-harness-load-{{ $randomString() }}@example.com',
    );
    expect(create.capture).toEqual([
      { json: '$.id', as: 'userId' },
      { json: '$.userName', as: 'userName' },
    ]);
    expect(user!.flow[1]!.get!.url).toBe('/scim/v2/Users?filter=userName%20eq%20%22{{ userName }}%22');
    expect(user!.flow[2]!.patch!.url).toBe('/scim/v2/Users/{{ userId }}');
    expect(user!.flow[2]!.patch!.json).toMatchObject({
      Operations: [{ op: 'replace', path: 'displayName' }],
    });
    expect(user!.flow[3]!.delete!.url).toBe('/scim/v2/Users/{{ userId }}');
    expect(list!.flow[0]!.get!.url).toBe('/scim/v2/Users?startIndex={{ $randomNumber(1, 50) }}&count=10');
  });

  it('keeps only the workloads asked for', () => {
    const onlyList = parsed(artilleryYaml({ ...options, workloads: ['list'] }));
    expect(onlyList.scenarios.map((scenario) => scenario.name)).toEqual(['list']);
    const onlyCreate = parsed(artilleryYaml({ ...options, workloads: ['create'] }));
    expect(onlyCreate.scenarios[0]!.flow.map((step) => Object.keys(step)[0])).toEqual(['post', 'delete']);
  });

  it('names the token only as an environment variable, and says how to run the script', () => {
    const yaml = artilleryYaml(options);
    expect(yaml).toMatch(/^# .*\n# Run: SCIM_TOKEN=<bearer token> npx artillery run <this file>\n/);
    expect(yaml).toContain('"Bearer {{ $processEnvironment.SCIM_TOKEN }}"');
  });
});
