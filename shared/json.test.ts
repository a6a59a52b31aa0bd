import { describe, expect, it } from 'vitest';
import { isRecord, parseJsonOrNull } from './json';

describe('json helpers', () => {
  it('tells objects from everything else', () => {
    expect([{}, [], { a: 1 }].map(isRecord)).toEqual([true, true, true]);
    expect([null, undefined, 1, 'x', true].map(isRecord)).toEqual([false, false, false, false, false]);
  });

  it('parses JSON and answers null for anything else', () => {
    expect(parseJsonOrNull('{"code":"x"}')).toEqual({ code: 'x' });
    expect(parseJsonOrNull('<html>Bad gateway</html>')).toBeNull();
    expect(parseJsonOrNull('')).toBeNull();
  });
});
