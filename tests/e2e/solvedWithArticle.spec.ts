import { randomUUID } from 'node:crypto';
import { PROTOCOL_VERSION } from '../../shared/sync/protocol';
import { apiSignIn, createTicketOnServer, pushAs, serverTickets } from './support/api';
import { expect, test } from './support/fixtures';
import { makeCreateArgs } from './support/tickets';

test('"Solved with article" (w) links a published article found by search and resolves the ticket with it named, offline too', async ({ openConsole }) => {
  const { token } = await apiSignIn('tina');
  const ticket = makeCreateArgs();
  await createTicketOnServer(token, ticket);
  const word = `kestrel${randomUUID().slice(0, 6)}`;
  const title = `Clear the ${word} cache`;
  const articleId = randomUUID();
  const draftId = randomUUID();
  await pushAs(token, {
    protocol: PROTOCOL_VERSION,
    clientId: `e2e-solved-${randomUUID()}`,
    mutations: [
      {
        id: randomUUID(),
        name: 'article:create',
        args: { id: articleId, title, body: 'Delete the cache folder.', category: 'software', tags: [], visibility: 'internal' },
      },
      { id: randomUUID(), name: 'article:publish', args: { id: articleId } },
      {
        id: randomUUID(),
        name: 'article:create',
        args: { id: draftId, title: `Draft ${word}`, body: 'Unfinished.', category: 'software', tags: [], visibility: 'internal' },
      },
    ],
  });

  const { page, context, console } = await openConsole('tina');
  await console.waitForSynced();
  await console.open(ticket.code);
  await context.setOffline(true);
  await expect(console.sync).toHaveAttribute('data-state', 'offline');

  await page.evaluate('document.activeElement instanceof HTMLElement && document.activeElement.blur()');
  await page.keyboard.press('w');
  const picker = page.getByRole('dialog', { name: 'Solved with article' });
  await expect(picker).toBeVisible();
  await expect(picker).toContainText('The ticket is resolved with this article named in the resolution.');
  await picker.getByRole('searchbox', { name: 'Find a published article' }).fill(word);
  // Published articles only: the draft with the same word is not offered.
  await expect(picker.getByRole('listitem')).toHaveCount(1);
  await expect(picker.getByRole('button', { name: `Link “${title}”` })).toBeVisible();
  await picker.getByRole('searchbox', { name: 'Find a published article' }).press('Enter');
  await expect(picker).toHaveCount(0);

  const detail = console.detail;
  await expect(detail.status).toHaveText('Resolved');
  await expect(page.getByTestId('solved-with-message')).toHaveText(`Linked “${title}” and resolved the ticket.`);
  await expect(detail.timeline).toContainText(`linked the article “${title}”`);
  await expect(detail.timeline).toContainText(`Solved with the article “${title}”.`);

  // Online again, the server has both: the link and the resolution naming the article.
  await context.setOffline(false);
  await console.waitForSynced();
  await expect
    .poll(async () => {
      const held = (await serverTickets(token)).get(ticket.id);
      return held === undefined ? null : { status: held.status, resolution: held.resolution, articles: held.articles ?? [] };
    })
    .toEqual({ status: 'resolved', resolution: `Solved with the article “${title}”.`, articles: [articleId] });

  // Also in the palette.
  await page.keyboard.press('Control+k');
  await expect(page.getByRole('dialog').getByText('Solved with article: link an article and resolve')).toBeVisible();
});
