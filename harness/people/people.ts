/**
 * Seeded synthetic people from @faker-js/faker under a fixed seed: the same seed gives the
 * same people on every run and machine.
 */
import type { Faker, LocaleDefinition } from '@faker-js/faker';
import { faker as english } from '@faker-js/faker/locale/en';

/**
 * Faker's class, from its English entry: that entry loads in about 65 ms, the package's main one,
 * which loads every locale, in about 350 ms. The English entry exports only its ready instance;
 * its class makes independent instances, each seeded on its own, on the same definitions.
 */
const EnglishFaker = english.constructor as new (options: { locale: LocaleDefinition[] }) => Faker;

/**
 * Fakers given back by factories that are done (`release`), to be seeded again: making one costs
 * about a quarter of a millisecond, and a run makes a factory for every check. Seeding resets all
 * of a Faker's state (its Mersenne Twister; the modules keep none of their own), so a reseeded one
 * gives the stream a new one would (people.test.ts holds them equal).
 */
const spare: Faker[] = [];
const SPARE_KEPT = 16;

function seeded(seed: number): Faker {
  const faker = spare.pop() ?? new EnglishFaker({ locale: [english.rawDefinitions] });
  faker.seed(seed);
  return faker;
}

/** A postal address. */
export interface PersonAddress {
  type: 'work' | 'home';
  streetAddress?: string;
  locality?: string;
  region?: string;
  postalCode?: string;
  country?: string;
}

/** A phone number. */
export interface PersonPhone {
  type: 'work' | 'mobile' | 'home';
  number: string;
}

/** Someone a directory holds: every property the apps' attribute tables name. */
export interface Person {
  username: string;
  email: string;
  firstname: string;
  lastname: string;
  displayname?: string;
  employeeType?: string;
  employeeIdentifier?: string;
  jobTitle?: string;
  department?: string;
  company?: string;
  location?: string;
  costCenter?: string;
  preferredLanguage?: string;
  locale?: string;
  password?: string;
  phoneNumbers?: PersonPhone[];
  addresses?: PersonAddress[];
}

/** The seed a run uses unless told otherwise. */
export const DEFAULT_SEED = 20_261_123;

/** A seeded generator of directory users; each call gives the next person. */
export class PersonFactory {
  readonly #seed: number;
  /** Made at the first person: most checks make a factory and never ask it for anyone. */
  #faker: Faker | undefined;
  #count = 0;

  constructor(seed = DEFAULT_SEED) {
    this.#seed = seed;
  }

  /**
   * Gives the factory's Faker back for another factory to reseed: the runner calls it when the
   * check that owned the factory is over. A factory asked for a person after that starts its
   * stream again on a Faker of its own, never on one another factory holds.
   */
  release(): void {
    const faker = this.#faker;
    this.#faker = undefined;
    if (faker && spare.length < SPARE_KEPT) spare.push(faker);
  }

  /** A person with every property the apps' attribute tables name. */
  next(overrides: Partial<Person> = {}): Person {
    const f = (this.#faker ??= seeded(this.#seed));
    const firstname = f.person.firstName();
    const lastname = f.person.lastName();
    // A running number keeps usernames unique however the names collide.
    const n = ++this.#count;
    const email = `${firstname}.${lastname}.${n}@example.com`.toLowerCase().replace(/[^a-z0-9.@-]/g, '');
    return {
      username: email,
      email,
      firstname,
      lastname,
      displayname: `${firstname} ${lastname}`,
      employeeType: f.helpers.arrayElement(['Employee', 'Contractor', 'Intern']),
      employeeIdentifier: `E${String(100_000 + n)}`,
      jobTitle: f.person.jobTitle(),
      department: f.commerce.department(),
      company: 'Example Corp',
      location: f.location.city(),
      costCenter: `CC-${f.number.int({ min: 100, max: 999 })}`,
      preferredLanguage: 'en-US',
      locale: 'en_US',
      password: f.internet.password({ length: 16 }),
      phoneNumbers: [{ type: 'work', number: f.phone.number({ style: 'international' }) }],
      addresses: [
        {
          type: 'work',
          streetAddress: f.location.streetAddress(),
          locality: f.location.city(),
          region: f.location.state(),
          postalCode: f.location.zipCode(),
          country: 'US',
        },
      ],
      ...overrides,
    };
  }
}
