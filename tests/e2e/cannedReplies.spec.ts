import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import type { Note } from '../../shared/domain/records';
import { PROTOCOL_VERSION, type PullResponse, type PushResponse } from '../../shared/sync/protocol';
import { repliesPages } from './pages/replies';
import { apiSignIn, createTicketOnServer } from './support/api';
import { E2E_BASE_URL } from './support/env';
import { expect, test } from './support/fixtures';
import { makeCreateArgs } from './support/tickets';

/** Every record of one entity the server holds, read through the change feed. */
const serverRecords = async <T>(token: string, entity: string): Promise<T[]> => {
  const records = new Map<string, T>();
  let cursor: string | null = null;
  for (;;) {
    const query: string = cursor === null ? 'limit=1000' : `limit=1000&cursor=${encodeURIComponent(cursor)}`;
    const response = await fetch(`${E2E_BASE_URL}/api/sync/pull?${query}`, { headers: { authorization: `Bearer ${token}` } });
    const page = (await response.json()) as PullResponse;
    for (const change of page.changes) {
      if (change.entity !== entity) continue;
      if (change.op === 'put') records.set(change.id, change.data as T);
      else records.delete(change.id);
    }
    cursor = page.cursor;
    if (!page.hasMore) return [...records.values()];
  }
};

test('a supervisor writes a canned reply; a technician offline puts it into a note with Alt+Q, filled in; a technician cannot write one', async ({
  openConsole,
}) => {
  const { token } = await apiSignIn('tina');
  const ticket = makeCreateArgs({ requester: { name: 'Greta Vogel', contact: 'ext. 1990' }, title: `Mailbox full ${randomUUID().slice(0, 6)}` });
  await createTicketOnServer(token, ticket);
  const tina = await openConsole('tina');
  const sue = await openConsole('sue');

  // The supervisor writes it; a placeholder that is none is flagged before saving.
  const supervisor = repliesPages(sue.page);
  await sue.page.keyboard.press('r');
  await expect(supervisor.view).toBeVisible();
  const title = `Mailbox archive enabled ${randomUUID().slice(0, 6)}`;
  await supervisor.write(
    title,
    'Hello {{caller.name}},\nticket {{ ticket.code }} ({{ticket.title}}) is fixed. Call {{caller.phone}} if not.\n{{technician.name}}',
  );
  await expect(supervisor.unknownFlag).toHaveText('Not a placeholder, will be inserted as written: {{caller.phone}}');
  mkdirSync('docs/screenshots', { recursive: true });
  await sue.page.screenshot({ path: 'docs/screenshots/replies-editor.png' });
  await supervisor.save();
  await expect(supervisor.view.getByRole('status')).toContainText(`Saved “${title}”`);
  await expect(supervisor.items.filter({ hasText: title })).toContainText('Changed by Sue Marsh');
  await sue.console.waitForSynced();

  // The technician's console gets it by sync, keeps it for offline use, and works on without a network.
  const technician = repliesPages(tina.page);
  await tina.console.waitForOfflineShell();
  await tina.console.filter.fill(ticket.code);
  await tina.console.open(ticket.code);
  await tina.page.keyboard.press('Alt+Q');
  await expect(technician.pickerOptions.filter({ hasText: title })).toBeVisible();
  await tina.page.keyboard.press('Escape');
  await expect(technician.picker).toHaveCount(0);
  await tina.context.setOffline(true);
  await tina.page.reload();
  await expect(tina.console.sync).toHaveAttribute('data-state', 'offline');
  await tina.console.filter.fill(ticket.code);
  await tina.console.open(ticket.code);

  const expected = `Hello Greta Vogel,\nticket ${ticket.code} (${ticket.title}) is fixed. Call {{caller.phone}} if not.\nTina Tamm`;
  await tina.console.detail.noteBody.fill('Update. ');
  await tina.console.detail.noteBody.press('End');
  await tina.page.keyboard.press('Alt+Q');
  await expect(technician.pickerSearch).toBeFocused();
  await tina.page.keyboard.type(title.split(' ').slice(0, 2).join(' ').toLowerCase());
  await expect(technician.pickerOptions.first()).toContainText(title);
  await expect(technician.pickerOptions.first()).toContainText('Hello Greta Vogel,');
  await tina.page.screenshot({ path: 'docs/screenshots/reply-picker.png' });
  await tina.page.keyboard.press('Enter');
  await expect(technician.picker).toHaveCount(0);
  await expect(tina.console.detail.noteBody).toBeFocused();
  await expect(tina.console.detail.noteBody).toHaveValue(`Update. ${expected}`);
  await tina.page.keyboard.press('Control+Enter');
  await expect(tina.console.detail.timelineEntry('is fixed. Call {{caller.phone}}')).toBeVisible();

  // The palette offers the same picker while a ticket is open.
  await tina.page.keyboard.press('Control+k');
  await tina.page.keyboard.type('canned reply');
  await tina.page.keyboard.press('Enter');
  await expect(technician.picker).toBeVisible();
  await tina.page.keyboard.press('Escape');
  await expect(tina.console.detail.noteBody).toBeFocused();

  await tina.context.setOffline(false);
  await tina.console.waitForSynced();
  const notes = await serverRecords<Note>(token, 'note');
  expect(notes.filter((note) => note.ticketId === ticket.id).map((note) => note.body)).toEqual([`Update. ${expected}`]);

  // A technician has no way to write one: no button, no key, no command, and the server refuses a forged change.
  await expect(technician.headerButton).toHaveCount(0);
  await tina.console.detail.closePanel();
  await tina.page.evaluate('document.activeElement instanceof HTMLElement && document.activeElement.blur()');
  await tina.page.keyboard.press('r');
  await expect(technician.view).toHaveCount(0);
  await tina.page.keyboard.press('Control+k');
  await tina.page.keyboard.type('canned');
  const palette = tina.page.getByRole('dialog', { name: 'Command palette' });
  await expect(palette.getByRole('option', { name: /^Canned replies/ })).toHaveCount(0);
  // Inserting one is every technician's, and waits for a ticket's note form.
  await expect(palette.getByRole('option', { name: /^Insert a canned reply/ })).toHaveAttribute('aria-disabled', 'true');
  await tina.page.keyboard.press('Escape');
  const forgedId = randomUUID();
  const forged = await fetch(`${E2E_BASE_URL}/api/sync/push`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      protocol: PROTOCOL_VERSION,
      clientId: `forger-${randomUUID()}`,
      mutations: [{ id: randomUUID(), name: 'reply:save', args: { id: forgedId, title: 'Mine', body: 'Made by a technician' } }],
    }),
  });
  const answer = (await forged.json()) as PushResponse;
  expect(answer.results).toEqual([
    { id: expect.any(String), status: 'rejected', error: { code: 'forbidden', message: 'Only supervisors and admins manage canned replies.' } },
  ]);
  const replies = await serverRecords<{ id: string; title: string }>(token, 'reply');
  expect(replies.map((reply) => reply.id)).not.toContain(forgedId);
  expect(replies.map((reply) => reply.title)).toContain(title);
});
