import { describe, expect, it } from 'vitest';
import { automaticReason, type MailMarks } from './automaticMail';

const person: MailMarks = { autoSubmitted: null, precedence: null, mejaTicket: null, messageId: '<abc@mail.example>', envelopeSender: 'ani@example.id' };

describe('automaticReason', () => {
  it("passes a person's mail, with or without Auto-Submitted: no", () => {
    expect(automaticReason(person)).toBeNull();
    expect(automaticReason({ ...person, autoSubmitted: 'No' })).toBeNull();
    expect(automaticReason({ ...person, autoSubmitted: 'no (comment)' })).toBeNull();
  });

  it('ignores every other Auto-Submitted value, known or not', () => {
    for (const value of ['auto-replied', 'auto-generated', 'Auto-Notified', 'auto-something-new', 'none'])
      expect(automaticReason({ ...person, autoSubmitted: value })).toBe('auto-submitted');
  });

  it('ignores bulk, junk, list and auto_reply precedence, and keeps others', () => {
    for (const value of ['bulk', 'Junk', ' list ', 'auto_reply']) expect(automaticReason({ ...person, precedence: value })).toBe('precedence');
    expect(automaticReason({ ...person, precedence: 'first-class' })).toBeNull();
  });

  it("ignores Meja's own mail by its header or its Message-ID", () => {
    expect(automaticReason({ ...person, mejaTicket: '7K3M-Q9RT' })).toBe('meja-header');
    expect(automaticReason({ ...person, messageId: '<meja.f00d@desk.example>' })).toBe('own-message-id');
    expect(automaticReason({ ...person, messageId: '<notmeja.f00d@desk.example>' })).toBeNull();
  });

  it('ignores a bounce (empty envelope sender)', () => {
    expect(automaticReason({ ...person, envelopeSender: '' })).toBe('bounce');
    expect(automaticReason({ ...person, envelopeSender: '<>' })).toBe('bounce');
  });
});
