import { describe, expect, it } from 'vitest';
import { makeTicket } from '../../tests/support/factories';
import { editFieldsOf, editArgs } from './ticketEdit';

describe('editArgs', () => {
  const ticket = makeTicket({ id: 't1', title: 'Printer jams', description: 'Tray 2', category: 'printing', priority: 'normal' });

  it('is null when nothing changed, including surrounding spaces the rules would trim', () => {
    expect(editArgs(ticket, editFieldsOf(ticket))).toBeNull();
    expect(editArgs(ticket, { ...editFieldsOf(ticket), title: '  Printer jams ' })).toBeNull();
  });

  it('sends only the changed fields', () => {
    expect(editArgs(ticket, { ...editFieldsOf(ticket), priority: 'urgent' })).toEqual({ id: 't1', priority: 'urgent' });
    expect(editArgs(ticket, { ...editFieldsOf(ticket), title: 'Printer on fire', description: 'Smoke' })).toEqual({
      id: 't1',
      title: 'Printer on fire',
      description: 'Smoke',
    });
  });

  it('sends a blanked title so the rules can refuse it', () => {
    expect(editArgs(ticket, { ...editFieldsOf(ticket), title: '  ' })).toEqual({ id: 't1', title: '  ' });
  });
});
