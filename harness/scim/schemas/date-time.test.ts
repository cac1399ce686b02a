import { describe, expect, it } from 'vitest';
import { isXsdDateTime } from './date-time.js';

describe('isXsdDateTime', () => {
  it.each([
    '2008-01-23T04:56:22Z',
    '2011-05-13T04:42:34.123Z',
    '2011-05-13T04:42:34+05:30',
    '2011-05-13T04:42:34',
    '2024-02-29T00:00:00Z',
    '2024-02-28T24:00:00Z',
  ])('accepts %s', (value) => {
    expect(isXsdDateTime(value)).toBe(true);
  });

  it.each([
    '2008-01-23',
    '2008-01-23 04:56:22Z',
    '2008-01-23t04:56:22z',
    '2023-02-29T00:00:00Z',
    '2008-13-01T00:00:00Z',
    '2008-01-23T24:00:01Z',
    '2008-01-23T04:60:00Z',
    '2008-01-23T04:56:22+15:00',
    '1232343433',
  ])('rejects %s', (value) => {
    expect(isXsdDateTime(value)).toBe(false);
  });
});
