// People: seeded synthetic identities, the same on every run and machine for a seed.

export { DEFAULT_SEED, PersonFactory } from './people.js';
export type { Person, PersonAddress, PersonPhone } from './people.js';
