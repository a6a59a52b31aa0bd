import { describe, expect, it } from 'vitest';
import { ticketCodeInAddress, ticketCodeInMail, ticketCodeInSubject } from './ticketCodeInMail';

describe('ticketCodeInSubject', () => {
  it('reads the bracketed code of a reply, in any case and spacing', () => {
    expect(ticketCodeInSubject('Re: [7K3M-Q9RT] Printer jams')).toBe('7K3M-Q9RT');
    expect(ticketCodeInSubject('AW: Re: [ 7k3m-q9rt ] Printer')).toBe('7K3M-Q9RT');
    expect(ticketCodeInSubject('Balas: [7k3m-q9rt]')).toBe('7K3M-Q9RT');
  });

  it('takes the first bracket that is a code and ignores the others', () => {
    expect(ticketCodeInSubject('[EXTERNAL] [URGENT] [7K3M-Q9RT] VPN')).toBe('7K3M-Q9RT');
  });

  it('finds none in plain words, unbracketed codes or impossible ones', () => {
    expect(ticketCodeInSubject('My printer is broken')).toBeNull();
    expect(ticketCodeInSubject('7K3M-Q9RT without brackets')).toBeNull();
    expect(ticketCodeInSubject('[7K3M-Q9UT]')).toBeNull();
    expect(ticketCodeInSubject('[7K3M-Q9R]')).toBeNull();
    // Eight letters that Crockford would read as a code, but no dash: a tag, not a code.
    expect(ticketCodeInSubject('[EXTERNAL] [7K3MQ9RT]')).toBeNull();
  });
});

describe('ticketCodeInAddress', () => {
  it('reads the plus-part of the local part', () => {
    expect(ticketCodeInAddress('help+7K3M-Q9RT@desk.example')).toBe('7K3M-Q9RT');
    expect(ticketCodeInAddress('HELP+7k3m-q9rt@desk.example')).toBe('7K3M-Q9RT');
  });

  it('finds none without a plus-part, or with one that is no code', () => {
    expect(ticketCodeInAddress('help@desk.example')).toBeNull();
    expect(ticketCodeInAddress('help+urgent@desk.example')).toBeNull();
    expect(ticketCodeInAddress('help+external@desk.example')).toBeNull();
    expect(ticketCodeInAddress('help@plus+7K3M-Q9RT.example')).toBeNull();
  });
});

describe('ticketCodeInMail', () => {
  it('prefers the address a reply went to over the subject', () => {
    expect(ticketCodeInMail('Re: [7K3M-Q9RT] x', ['help+AAAA-BBBB@desk.example'])).toBe('AAAA-BBBB');
  });

  it('falls back to the subject, and to null for a new matter', () => {
    expect(ticketCodeInMail('Re: [7K3M-Q9RT] x', ['help@desk.example'])).toBe('7K3M-Q9RT');
    expect(ticketCodeInMail('Printer', ['help@desk.example'])).toBeNull();
  });
});
