import { describe, expect, it } from 'vitest';
import { ticketsHttpRequest, ticketsRequestSchema } from './api';

describe('ticketsHttpRequest', () => {
  it('asks GET /api/tickets with the words, the cursor and the page size encoded', () => {
    expect(ticketsHttpRequest({ action: 'search', q: 'vpn grace&x=1' })).toEqual({ method: 'GET', path: '/api/tickets?q=vpn%20grace%26x%3D1', body: null });
    expect(ticketsHttpRequest({ action: 'search', q: 'école', cursor: 'dGlja2V0cy1iZWZvcmU6NDMwMQ', limit: 20 }).path).toBe(
      '/api/tickets?q=%C3%A9cole&cursor=dGlja2V0cy1iZWZvcmU6NDMwMQ&limit=20',
    );
  });

  it('asks GET /api/tickets/<ref> with the reference as one path segment', () => {
    expect(ticketsHttpRequest({ action: 'open', ref: 'K7Q2-9MXD' })).toEqual({ method: 'GET', path: '/api/tickets/K7Q2-9MXD', body: null });
    expect(ticketsHttpRequest({ action: 'open', ref: '#4312' }).path).toBe('/api/tickets/%234312');
  });
});

describe('ticketsRequestSchema', () => {
  it.each([
    ['a reference that leaves its path segment', { action: 'open', ref: '../users' }],
    ['a reference with a percent', { action: 'open', ref: '%2e%2e' }],
    ['an empty reference', { action: 'open', ref: '' }],
    ['a query too long', { action: 'search', q: 'x'.repeat(201) }],
    ['a NUL in the query', { action: 'search', q: 'a\u0000b' }],
    ['a page too large', { action: 'search', q: 'x', limit: 201 }],
    ['a page that is not whole', { action: 'search', q: 'x', limit: 1.5 }],
    ['an empty cursor', { action: 'search', q: 'x', cursor: '' }],
    ['a field the routes do not take', { action: 'search', q: 'x', scope: 'all' }],
    ['another action', { action: 'delete', ref: 'abc' }],
  ])('refuses %s', (_name, request) => {
    expect(ticketsRequestSchema.safeParse(request).success).toBe(false);
  });

  it('takes the two lookups as the console asks them', () => {
    for (const request of [
      { action: 'search', q: '' },
      { action: 'search', q: 'vpn', cursor: 'abc', limit: 50 },
      { action: 'open', ref: '0f8c2d7e-1b2a-4c3d-9e8f-123456789abc' },
      { action: 'open', ref: '12' },
    ]) {
      expect(ticketsRequestSchema.parse(request)).toEqual(request);
    }
  });
});
