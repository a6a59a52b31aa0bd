import { describe, expect, it } from 'vitest';
import { serverRefusal } from './serverRefusal';

describe('serverRefusal', () => {
  it("reads the server's code and message", () => {
    const body = JSON.stringify({ statusCode: 409, code: 'last_admin', error: 'Conflict', message: 'Keep one admin.' });
    expect(serverRefusal(409, body)).toEqual({ code: 'last_admin', message: 'Keep one admin.' });
  });

  it('names the status when the body is not the server’s (a proxy page, a reason phrase only)', () => {
    expect(serverRefusal(502, '<html>Bad gateway</html>')).toEqual({ code: 'http_502', message: 'The server answered 502.' });
    expect(serverRefusal(400, JSON.stringify({ error: 'Bad Request' }))).toEqual({ code: 'http_400', message: 'The server answered 400.' });
  });
});
