import { randomUUID } from 'node:crypto';
import { PROTOCOL_VERSION } from '../../shared/sync/protocol';
import { helpPage } from './pages/helpPage';
import { trackPage } from './pages/trackPage';
import { apiSignIn, createTicketOnServer, pushAs } from './support/api';
import { expect, test } from './support/fixtures';
import { makeCreateArgs } from './support/tickets';

test('a public note links a public article; on /track that link opens it, and any other address stays text', async ({ openConsole, page }) => {
  const { token } = await apiSignIn('tina');
  const ticket = makeCreateArgs();
  await createTicketOnServer(token, ticket);
  const title = `Restart the docking station ${randomUUID().slice(0, 6)}`;
  const articleId = randomUUID();
  await pushAs(token, {
    protocol: PROTOCOL_VERSION,
    clientId: `e2e-note-link-${randomUUID()}`,
    mutations: [
      {
        id: randomUUID(),
        name: 'article:create',
        args: { id: articleId, title, body: 'Unplug it for ten seconds.', category: 'hardware', tags: [], visibility: 'public' },
      },
      { id: randomUUID(), name: 'article:publish', args: { id: articleId } },
      // Written by another console: an address that is not this server's /help stays text on /track.
      {
        id: randomUUID(),
        name: 'note:add',
        args: { id: randomUUID(), ticketId: ticket.id, body: 'Not ours: https://evil.example/help/abc', visibility: 'public' },
      },
    ],
  });

  const tech = await openConsole('tina');
  await tech.console.waitForSynced();
  await tech.console.open(ticket.code);
  const detail = tech.console.detail;
  const note = detail.root.getByRole('textbox', { name: 'Note', exact: true });
  await note.fill('Please follow this guide:');
  // Only a public note offers the link.
  await expect(detail.root.getByLabel('Link article')).toHaveCount(0);
  await detail.root.getByLabel('Visibility').selectOption('public');
  await detail.root.getByLabel('Link article').selectOption({ label: title });
  await expect(note).toHaveValue(`Please follow this guide: /help/${articleId} `);
  await detail.root.getByRole('button', { name: 'Add note' }).click();
  await expect(detail.timeline).toContainText(`/help/${articleId}`);
  await tech.console.waitForSynced();

  const caller = trackPage(page);
  await caller.goto(ticket.code);
  await expect(caller.notes).toContainText('Not ours: https://evil.example/help/abc');
  const links = caller.notes.getByTestId('track-help-article-link');
  await expect(links).toHaveCount(1);
  await expect(links).toHaveAttribute('href', `/help/${articleId}`);
  await expect(caller.notes.locator('a')).toHaveCount(1);
  await links.click();
  await expect(helpPage(page).article.getByRole('heading', { level: 1 })).toHaveText(title);
});
