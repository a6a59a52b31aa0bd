import { describe, expect, it } from 'vitest';
import { datePush, happenedAt } from './push';

const NOW = Date.parse('2026-03-02T10:00:00.000Z');

describe('datePush', () => {
  it('dates the mutations of a push a millisecond apart, in order, when they were made online', () => {
    expect(datePush(NOW, [{}, {}, {}])).toEqual(['2026-03-02T10:00:00.000Z', '2026-03-02T10:00:00.001Z', '2026-03-02T10:00:00.002Z']);
  });

  it('takes each offline change’s own age off its time, whatever the order of the ages', () => {
    const sentAt = '2026-03-02T09:00:00.000Z';
    const dates = datePush(NOW, [{ at: '2026-03-02T08:00:00.000Z' }, { at: '2026-03-01T09:00:00.000Z' }, {}], sentAt);
    expect(dates).toEqual(['2026-03-02T09:00:00.000Z', '2026-03-01T10:00:00.001Z', '2026-03-02T10:00:00.002Z']);
  });

  it('dates a push of one mutation as happenedAt does', () => {
    const at = '2026-03-01T00:00:00.000Z';
    const sentAt = '2026-03-01T01:00:00.000Z';
    expect(datePush(NOW, [{ at }], sentAt)).toEqual([happenedAt(NOW, at, sentAt)]);
  });
});
