import { describe, expect, it } from 'vitest';
import { acceptanceOf } from './verdicts.js';
import { attackVectors } from './vectors/index.js';

describe('the signed-identity verdict table', () => {
  const unsigned = { responseSigned: false };

  it('passes only the correct reading of a comment-split NameID', () => {
    const passing = attackVectors
      .filter((v) => acceptanceOf(v.id, unsigned).grade === 'pass')
      .map((v) => v.id);
    expect(passing).toEqual(['comment-split-nameid']);
  });

  it('keeps critical for the messages whose holder becomes the user', () => {
    const critical = attackVectors
      .filter((v) => acceptanceOf(v.id, unsigned).grade === 'critical')
      .map((v) => v.id);
    expect(critical.sort()).toEqual(['expired', 'replay', 'wrong-audience']);
  });

  it('grades integrity failures (a message altered after signing) as errors, never as a bypass', () => {
    for (const vector of attackVectors.filter(
      (v) => v.bypassIdentity === 'attacker' && !v.id.includes('doctype'),
    ))
      if (vector.id !== 'comment-split-nameid') expect(acceptanceOf(vector.id, unsigned).grade).toBe('error');
  });

  it('requires the Destination check only of a signed Response (Bindings §3.5.5.2)', () => {
    expect(acceptanceOf('wrong-destination', unsigned).grade).toBe('note');
    expect(acceptanceOf('wrong-destination', { responseSigned: true }).grade).toBe('error');
  });

  it('says why for every row', () => {
    for (const vector of attackVectors)
      expect(acceptanceOf(vector.id, unsigned).why.length).toBeGreaterThan(40);
  });
});
