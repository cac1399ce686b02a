import {
  IdpError,
  mappedValue,
  type Application,
  type AttributeMapping,
  type DirectoryUserFields,
} from '#harness/idp';
import { defineScenario, type Scenario, type ScenarioContext } from '#harness/runner';
import { isJsonObject, type JsonObject } from '#harness/scim';
import { onboard, provisioning, provisioningRequires } from '../support.js';
import { createdBodies, requestBody } from './app-checks.js';

const requires = provisioningRequires;

/** Fails unless `action` is refused with an IdpError whose message names the fix. */
function expectRefused(ctx: ScenarioContext, action: () => void, what: string): void {
  try {
    action();
  } catch (error) {
    ctx.expect(
      error instanceof IdpError && error.message.length > 0,
      `${what} failed with ${String(error)}; expected an IdpError naming the fix (IDP-IDM-09)`,
    );
    return;
  }
  ctx.fail(`${what} was accepted; it must be refused (IDP-IDM-09)`);
}

/** The create the IdP sent for `userName`, from the exchanges it recorded. */
export function createBody(ctx: ScenarioContext, userName: string): JsonObject | undefined {
  return createdBodies(ctx.exchanges).findLast(
    (body) => String(body.userName).toLowerCase() === userName.toLowerCase(),
  );
}

/**
 * What the updates of `spId` since exchange `mark` sent, as one resource: PUT bodies as they are,
 * PATCH operations placed at their paths (`title`, `name.givenName`, `urn:…:User:department`).
 */
export function updatesSent(ctx: ScenarioContext, spId: string, mark: number): JsonObject[] {
  return ctx.exchanges
    .slice(mark)
    .filter((e) => ['PATCH', 'PUT'].includes(e.request.method) && e.request.url.endsWith(`/Users/${spId}`))
    .map((e) => {
      const body = requestBody(e);
      if (e.request.method === 'PUT') return body;
      const sent: JsonObject = {};
      const operations = Array.isArray(body.Operations) ? body.Operations.filter(isJsonObject) : [];
      for (const op of operations) {
        if (String(op.op).toLowerCase() === 'remove') continue;
        const path = typeof op.path === 'string' ? op.path : undefined;
        if (path === undefined) {
          if (isJsonObject(op.value)) Object.assign(sent, op.value);
          continue;
        }
        const urn = /^(urn:.+):([^:.]+)$/.exec(path);
        const [attr, sub] = path.split('.') as [string, string | undefined];
        if (urn) ((sent[urn[1]!] ??= {}) as JsonObject)[urn[2]!] = op.value as JsonObject;
        else if (sub !== undefined) ((sent[attr] ??= {}) as JsonObject)[sub] = op.value as JsonObject;
        else sent[attr] = op.value as JsonObject;
      }
      return sent;
    });
}

/** An optional row fed by a plain directory property the person has (not the write-only password). */
function optionalRow(app: Application, person: DirectoryUserFields): AttributeMapping | undefined {
  return app.catalog.mappings.find((row) => {
    if (!row.optional || row.createOnly || !('property' in row.source) || row.source.from) return false;
    const value = person[row.source.property as keyof DirectoryUserFields];
    return row.source.property !== 'password' && typeof value === 'string' && value !== '';
  });
}

const propertyOf = (row: AttributeMapping): keyof DirectoryUserFields =>
  ('property' in row.source ? row.source.property : '') as keyof DirectoryUserFields;

export const exclusionScenarios: readonly Scenario[] = [
  defineScenario({
    id: 'provisioning/exclude-optional-attributes',
    title: 'an excluded optional attribute is never sent; required rows and custom attributes are refused',
    requirements: ['IDP-IDM-09'],
    level: 'DOC',
    requires,
    async run(ctx: ScenarioContext) {
      const setup = await provisioning(ctx);
      const { app, idp } = setup;
      const person = ctx.people.next();
      const row = optionalRow(app, person);
      if (!row) ctx.notApplicable(`${app.catalog.displayName}'s mapping has no optional row to exclude`);
      const property = propertyOf(row);
      const required = app.catalog.mappings.find((candidate) => !candidate.optional);
      if (required)
        expectRefused(
          ctx,
          () => app.excludeAttribute(required.scim),
          `Excluding the required row '${required.scim}'`,
        );
      expectRefused(
        ctx,
        () => app.excludeAttribute('urn:example:custom:2.0:User:badge'),
        'Excluding a row the mapping does not have',
      );
      expectRefused(
        ctx,
        () => app.addCustomAttribute('urn:example:custom:2.0:User:badge'),
        'Adding a custom attribute',
      );
      ctx.expect(
        app.excluded.size === 0,
        `Refused changes left rows excluded: ${[...app.excluded].join(', ')} (IDP-IDM-09)`,
      );
      app.excludeAttribute(row.scim);
      const { userId, spId } = await onboard(ctx, setup, person);
      ctx.expect(spId !== undefined, `${person.email} was not provisioned`);
      const created = createBody(ctx, person.username);
      ctx.expect(created !== undefined, `No create of ${person.username} was sent`);
      ctx.expect(
        mappedValue(created, row.scim) === undefined,
        `The create sent the excluded '${row.scim}' (${JSON.stringify(mappedValue(created, row.scim))}); excluded attributes are never sent (IDP-IDM-09)`,
      );
      const other = ctx.people.next();
      let mark = ctx.exchanges.length;
      const changed =
        other[property] !== person[property] ? other[property] : `${String(other[property])} (changed)`;
      await idp.updateUser(userId, {
        firstname: other.firstname,
        lastname: other.lastname,
        [property]: changed,
      });
      const leaked = updatesSent(ctx, spId, mark).find((sent) => mappedValue(sent, row.scim) !== undefined);
      ctx.expect(
        leaked === undefined,
        `An update sent the excluded '${row.scim}' (${JSON.stringify(leaked)}); excluded attributes are never sent (IDP-IDM-09)`,
      );
      // Including the row again sends it from the next sync on.
      app.includeAttribute(row.scim);
      // A value that differs from the current one whatever the seed (seeded values may repeat).
      const current = idp.directory.user(userId)[property];
      const drawn = ctx.people.next()[property];
      const next = drawn !== current ? drawn : `${String(drawn)} (changed)`;
      mark = ctx.exchanges.length;
      await idp.updateUser(userId, { [property]: next });
      ctx.expect(
        updatesSent(ctx, spId, mark).some((sent) => mappedValue(sent, row.scim) === next),
        `After '${row.scim}' was included again, changing ${property} did not send it (IDP-IDM-09)`,
      );
      expectRefused(
        ctx,
        () => app.includeAttribute(row.scim),
        `Including '${row.scim}', which is not excluded`,
      );
      app.excludeAttribute(row.scim);
      app.restoreDefaultMappings();
      ctx.expect(
        app.excluded.size === 0 && app.exportMappings.every((mapping) => !mapping.excluded),
        `Restore Defaults left rows excluded: ${[...app.excluded].join(', ')} (IDP-IDM-09)`,
      );
    },
  }),
];
