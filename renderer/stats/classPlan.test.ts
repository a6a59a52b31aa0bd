import { describe, expect, it } from 'vitest';
import { classPlanFor } from './classPlan';

describe('classPlanFor', () => {
  it('takes the topic’s suggested requesters in the server’s order, and nobody from an answer kept before suggestions existed', () => {
    const topRequesters = [
      { category: 'access', name: 'Greta', contact: 'ext. 12', tickets: 4 },
      { category: 'network', name: 'Hadi', contact: null, tickets: 3 },
      { category: 'access', name: 'Ivo', contact: null, tickets: 2 },
    ];
    expect(classPlanFor({ topRequesters }, 'access')).toEqual({
      topic: 'access',
      attendees: [
        { name: 'Greta', contact: 'ext. 12' },
        { name: 'Ivo', contact: null },
      ],
    });
    expect(classPlanFor({}, 'access')).toEqual({ topic: 'access', attendees: [] });
  });
});
