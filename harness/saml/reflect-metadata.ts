/**
 * The slice of the Reflect metadata API that @peculiar/x509's dependency
 * tsyringe checks for at load time (`Reflect.getMetadata`) and uses
 * (`getMetadata`, `getOwnMetadata`, `defineMetadata`). No polyfill package is
 * installed, so import this module before `@peculiar/x509` (keys.ts does).
 * A real polyfill, when present, is left alone.
 * @see https://rbuckton.github.io/reflect-metadata/ (the API this mirrors)
 */

type MetadataKey = unknown;
type MetadataTarget = object;

interface ReflectMetadata {
  getMetadata(key: MetadataKey, target: MetadataTarget, property?: string | symbol): unknown;
  getOwnMetadata(key: MetadataKey, target: MetadataTarget, property?: string | symbol): unknown;
  defineMetadata(key: MetadataKey, value: unknown, target: MetadataTarget, property?: string | symbol): void;
}

const reflect = Reflect as typeof Reflect & Partial<ReflectMetadata>;

if (typeof reflect.getMetadata !== 'function') {
  const store = new WeakMap<MetadataTarget, Map<string | symbol | undefined, Map<MetadataKey, unknown>>>();
  const own = (target: MetadataTarget, property: string | symbol | undefined, create: boolean) => {
    let byProperty = store.get(target);
    if (!byProperty && create) store.set(target, (byProperty = new Map()));
    let entries = byProperty?.get(property);
    if (!entries && create && byProperty) byProperty.set(property, (entries = new Map()));
    return entries;
  };
  const metadata: ReflectMetadata = {
    getOwnMetadata: (key, target, property) => own(target, property, false)?.get(key),
    getMetadata(key, target, property) {
      for (
        let at: MetadataTarget | null = target;
        at;
        at = Object.getPrototypeOf(at) as MetadataTarget | null
      ) {
        const entries = own(at, property, false);
        if (entries?.has(key)) return entries.get(key);
      }
      return undefined;
    },
    defineMetadata: (key, value, target, property) => void own(target, property, true)?.set(key, value),
  };
  Object.assign(Reflect, metadata);
}

export {};
