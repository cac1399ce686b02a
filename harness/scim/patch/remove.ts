/**
 * The remove operation: unassigns an attribute, a sub-attribute, or the values of a
 * multi-valued attribute that a value filter (or a list of values) selects.
 * @see RFC 7644 §3.5.2.2
 */
import { getAttribute, isJsonObject } from '../attribute-access.js';
import type { JsonObject } from '../attribute-access.js';
import { matchesValue } from '../filter/evaluate.js';
import { noMatch } from './target.js';
import type { Step, Target } from './target.js';
import { ElementSet, checkSingle, deleteKey, storeValues, valuesOf, writeSub } from './values.js';

/**
 * Removes what `target` names from `container`. Removing an attribute that has no value
 * changes nothing; a value filter that matches nothing is noTarget (RFC 7644 §3.12).
 * @see RFC 7644 §3.5.2.2
 */
export function removeFrom(container: JsonObject, target: Target, value: unknown, step: Step): void {
  const { def, subDef, filter } = target;
  const existing = getAttribute(container, def.name);

  if (filter !== undefined) {
    const values = valuesOf(existing);
    const matched = values.filter((item) => matchesValue(item, filter, def));
    if (matched.length === 0) throw noMatch(target, step);
    if (subDef === undefined) {
      storeValues(
        container,
        def,
        values.filter((item) => !matched.includes(item)),
      );
      return;
    }
    // emails[type eq "work"].display: the sub-attribute goes, the matched values stay.
    matched.filter(isJsonObject).forEach((item) => writeSub(item, def, subDef, null, step));
    storeValues(container, def, values);
    return;
  }

  if (subDef !== undefined) {
    if (def.multiValued) {
      const values = valuesOf(existing);
      values.filter(isJsonObject).forEach((item) => writeSub(item, def, subDef, null, step));
      storeValues(container, def, values);
    } else if (isJsonObject(existing)) {
      writeSub(existing, def, subDef, null, step);
      if (Object.keys(existing).length === 0) deleteKey(container, def.name);
    }
    return;
  }

  if (def.multiValued && value !== undefined && value !== null) {
    // RFC 7644 §3.5.2.2 defines no 'value' for remove; Entra ID sends
    // {"op":"Remove","path":"members","value":[{"value":"<id>"}]} and means "remove these",
    // never "remove all", so the listed values are removed and absent ones are ignored.
    const listed = valuesOf(value);
    listed.forEach((item) => checkSingle(item, def, def.name, step));
    const gone = new ElementSet(def, listed);
    storeValues(
      container,
      def,
      valuesOf(existing).filter((item) => !gone.has(item)),
    );
    return;
  }
  deleteKey(container, def.name);
}
