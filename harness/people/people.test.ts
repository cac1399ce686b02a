import { describe, expect, it } from 'vitest';
import { PersonFactory } from './people.js';

const people = (factory: PersonFactory, count: number) => Array.from({ length: count }, () => factory.next());

describe('PersonFactory', () => {
  it('gives the same people for the same seed, and others for another', () => {
    expect(people(new PersonFactory(7), 50)).toEqual(people(new PersonFactory(7), 50));
    expect(people(new PersonFactory(8), 5)).not.toEqual(people(new PersonFactory(7), 5));
  });

  it('gives a factory on a released, reseeded generator the stream a fresh one gives', () => {
    const fresh = people(new PersonFactory(42), 300);
    // Used at length under another seed, then given back: the next factory takes it.
    const used = new PersonFactory(99);
    people(used, 500);
    used.release();
    expect(people(new PersonFactory(42), 300)).toEqual(fresh);
  });

  it('starts its stream again on a generator of its own when asked after release', () => {
    const first = new PersonFactory(5);
    const [alice] = people(first, 1);
    first.release();
    const other = new PersonFactory(6);
    const before = people(other, 3);
    // The released factory must not share the generator the other one took.
    const [again] = people(first, 1);
    expect(again!.firstname).toBe(alice!.firstname);
    const after = people(other, 3);
    expect([...before, ...after]).toEqual(people(new PersonFactory(6), 6));
  });
});
