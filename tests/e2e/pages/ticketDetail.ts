import type { Page } from '@playwright/test';

export type TicketDetail = ReturnType<typeof ticketDetail>;

export const ticketDetail = (page: Page) => {
  const panel = page.getByTestId('ticket-detail');
  return {
    root: panel,
    code: panel.getByTestId('detail-code'),
    number: panel.getByTestId('detail-number'),
    status: panel.getByTestId('detail-status'),
    tier: panel.getByTestId('detail-tier'),
    assignee: panel.getByTestId('detail-assignee'),
    slaFirstResponse: panel.getByTestId('sla-first-response'),
    slaResolution: panel.getByTestId('sla-resolution'),
    refusal: panel.getByTestId('action-refusal'),
    timeline: panel.getByRole('list', { name: 'Timeline' }),
    action: (name: string) => panel.getByRole('toolbar', { name: 'Ticket actions' }).getByRole('button', { name, exact: true }),
    take: async () => {
      await panel.getByRole('button', { name: 'Take', exact: true }).click();
    },
    resolve: async (resolution: string) => {
      const form = panel.getByRole('form', { name: 'Resolve ticket' });
      if (!(await form.isVisible())) await panel.getByRole('button', { name: 'Resolve…' }).click();
      await form.getByLabel('Resolution').fill(resolution);
      await panel.getByRole('button', { name: 'Resolve ticket' }).click();
    },
    escalate: async (reason: string) => {
      const form = panel.getByRole('form', { name: 'Escalate ticket' });
      if (!(await form.isVisible())) await panel.getByRole('button', { name: 'Escalate…' }).click();
      await form.getByLabel('Reason').fill(reason);
      await panel.getByRole('button', { name: 'Escalate', exact: true }).click();
    },
    addNote: async (body: string, visibility: 'internal' | 'public' = 'internal') => {
      await panel.getByRole('textbox', { name: 'Note', exact: true }).fill(body);
      await panel.getByLabel('Visibility').selectOption(visibility);
      await panel.getByRole('button', { name: 'Add note' }).click();
    },
    close: async () => {
      await panel.getByRole('button', { name: 'Close ticket' }).click();
    },
  };
};
