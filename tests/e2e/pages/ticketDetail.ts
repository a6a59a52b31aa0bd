import { expect, type Page } from '@playwright/test';

export type TicketDetail = ReturnType<typeof ticketDetail>;

/** The texts the page object clicks by; English unless a test switches the console to Indonesian. */
export type EditFields = { title?: string; description?: string; category?: string; priority?: 'low' | 'normal' | 'high' | 'urgent' };

export const ticketDetail = (page: Page) => {
  const panel = page.getByTestId('ticket-detail');
  const banners = panel.getByTestId('rejected-banner');
  const noteForm = panel.getByRole('form', { name: 'Add note' });
  const links = panel.getByTestId('detail-links');
  const linkForm = panel.getByRole('form', { name: 'Link to another ticket' });
  return {
    root: panel,
    code: panel.getByTestId('detail-code'),
    number: panel.getByTestId('detail-number'),
    title: panel.getByTestId('detail-title'),
    status: panel.getByTestId('detail-status'),
    tier: panel.getByTestId('detail-tier'),
    priority: panel.getByTestId('detail-priority'),
    assignee: panel.getByTestId('detail-assignee'),
    slaFirstResponse: panel.getByTestId('sla-first-response'),
    slaResolution: panel.getByTestId('sla-resolution'),
    refusal: panel.getByTestId('action-refusal'),
    timeline: panel.getByRole('list', { name: 'Timeline' }),
    /** The timeline entry that holds this text (a note's body, say). */
    timelineEntry: (text: string) => panel.getByRole('list', { name: 'Timeline' }).getByRole('listitem').filter({ hasText: text }),
    noteForm,
    noteBody: noteForm.getByRole('textbox', { name: 'Note', exact: true }),
    noteVisibility: noteForm.getByLabel('Visibility'),
    /** Shown on the form while Public is chosen. */
    notePublicHint: noteForm.getByTestId('note-public-hint'),
    category: panel.getByTestId('detail-category'),
    tags: panel.getByTestId('detail-tags'),
    tagInput: panel.getByRole('textbox', { name: 'Add tags' }),
    removeTag: (tag: string) => panel.getByRole('button', { name: `Remove tag ${tag}` }),
    /** The Links section: its problem or incidents, original or duplicates, related tickets. */
    links,
    problemBadge: links.getByTestId('problem-badge'),
    incidentCount: links.getByTestId('incident-count'),
    /** A linked ticket's row, by its code, in any group of the section. */
    linkRow: (code: string) => links.getByTestId('link-row').filter({ has: page.getByRole('button', { name: `Open ${code}` }) }),
    linkGroup: (testId: 'link-incidents' | 'link-problem' | 'link-original' | 'link-duplicates' | 'link-related') => links.getByTestId(testId),
    linkForm,
    linkRefusal: panel.getByTestId('link-refusal'),
    markAsProblem: async () => {
      await links.getByRole('button', { name: 'Mark as problem' }).click();
    },
    /**
     * Links this ticket with Alt+L, the keyboard way: the kind, then the other ticket's code typed
     * in the search and Enter on the first match.
     */
    linkTo: async (kind: 'Related to' | 'Duplicate of' | 'Incident of problem', search: string) => {
      await page.evaluate('document.activeElement instanceof HTMLElement && document.activeElement.blur()');
      await page.keyboard.press('Alt+l');
      await linkForm.getByLabel('Link as').selectOption({ label: kind });
      const find = linkForm.getByRole('combobox', { name: 'Find a ticket' });
      await find.fill(search);
      await expect(linkForm.getByRole('listbox', { name: 'Tickets found' }).getByRole('option').first()).toContainText(search);
      await find.press('Enter');
    },
    rejected: banners,
    rejectedServerValue: banners.getByTestId('rejected-server'),
    action: (name: string) => panel.getByRole('toolbar', { name: 'Ticket actions' }).getByRole('button', { name, exact: true }),
    take: async () => {
      await panel.getByRole('button', { name: 'Take', exact: true }).click();
    },
    /** Assigns through the "Assign to" select; `name` is a technician's display name or "Unassigned". */
    assignTo: async (name: string) => {
      await panel.getByRole('combobox', { name: 'Assign to' }).selectOption({ label: name });
      await panel.getByRole('button', { name: 'Assign', exact: true }).click();
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
    edit: async (fields: EditFields) => {
      const form = panel.getByRole('form', { name: 'Edit ticket' });
      if (!(await form.isVisible())) await panel.getByRole('button', { name: 'Edit…' }).click();
      if (fields.title !== undefined) await form.getByLabel('Title').fill(fields.title);
      if (fields.description !== undefined) await form.getByLabel('Description').fill(fields.description);
      if (fields.category !== undefined) await form.getByLabel('Category').fill(fields.category);
      if (fields.priority !== undefined) await form.getByLabel('Priority').selectOption(fields.priority);
      await form.getByRole('button', { name: 'Save changes' }).click();
    },
    addNote: async (body: string, visibility: 'internal' | 'public' = 'internal') => {
      await panel.getByRole('textbox', { name: 'Note', exact: true }).fill(body);
      await panel.getByLabel('Visibility').selectOption(visibility);
      await panel.getByRole('button', { name: 'Add note' }).click();
    },
    retryRejected: async () => {
      await banners.getByRole('button', { name: 'Retry' }).click();
    },
    discardRejected: async () => {
      await banners.getByRole('button', { name: 'Discard' }).click();
    },
    /** The panel's ×: the ticket itself stays as it is (its status button is "Close ticket"). */
    closePanel: async () => {
      await panel.getByRole('button', { name: 'Close panel' }).click();
    },
  };
};
