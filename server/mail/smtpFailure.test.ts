import { describe, expect, it } from 'vitest';
import { retryDelayMs, smtpFailureOf } from './smtpFailure';

describe('SMTP failures', () => {
  it('a 5xx answer is permanent, with the server’s words on one line', () => {
    const refused = Object.assign(new Error("Can't send mail - all recipients were rejected"), {
      code: 'EENVELOPE',
      responseCode: 550,
      response: '550 5.1.1 <nobody@example.org>: no such user\r\n',
    });
    expect(smtpFailureOf(refused)).toEqual({ isPermanent: true, reason: '550 5.1.1 <nobody@example.org>: no such user' });
  });

  it('a 4xx answer or no answer at all is worth another try', () => {
    expect(smtpFailureOf(Object.assign(new Error('greylisted'), { responseCode: 451, response: '451 4.7.1 try later' })).isPermanent).toBe(false);
    const down = smtpFailureOf(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:2525'), { code: 'ESOCKET' }));
    expect(down).toEqual({ isPermanent: false, reason: 'ESOCKET: connect ECONNREFUSED 127.0.0.1:2525' });
  });

  it('waits longer after each failure, up to six hours', () => {
    expect([1, 2, 3].map(retryDelayMs)).toEqual([30_000, 60_000, 120_000]);
    expect(retryDelayMs(30)).toBe(6 * 3_600_000);
  });
});
