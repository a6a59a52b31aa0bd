import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { PROTOCOL_VERSION } from '../../shared/sync/protocol';
import { articleSuggestions } from './pages/articleSuggestions';
import { callDialog } from './pages/callDialog';
import { apiSignIn, pushAs } from './support/api';
import { expect, test } from './support/fixtures';

test('while a technician types a call, the three best published articles show beside the form, and one is read without losing the form', async ({
  openConsole,
}) => {
  // A model number no other article names, so the ranking below is all about these articles.
  const model = `DX${String(1000 + Math.floor(Math.random() * 9000))}${randomUUID().slice(0, 2).toUpperCase()}`;
  const articles = [
    // Typed "<model> not charging": the model (4) and "charging" (4) in the title = 8.
    {
      title: `${model} dock: charging stops after sleep`,
      body: 'Update the dock firmware, then **unplug it for ten seconds**.',
      tags: ['dock'],
      isPublished: true,
    },
    // The model in a tag (3), "charging" in the text (1) = 4.
    { title: 'USB-C dock resets the screens', body: 'When charging and screens both fail, swap the cable.', tags: [model.toLowerCase()], isPublished: true },
    // The model in the text only = 1.
    { title: 'Docking stations we support', body: `Supported: ${model}, DS-200.`, tags: [], isPublished: true },
    // A draft scores 8 too, but is never suggested.
    { title: `${model} charging (draft)`, body: 'Not finished.', tags: [], isPublished: false },
  ];
  const { token } = await apiSignIn('tina');
  const ids = articles.map(() => randomUUID());
  await pushAs(token, {
    protocol: PROTOCOL_VERSION,
    clientId: `e2e-suggest-${randomUUID()}`,
    mutations: articles.flatMap((article, index) => {
      const id = ids[index] ?? '';
      const args = { id, title: article.title, body: article.body, category: 'hardware', tags: article.tags, visibility: 'internal' as const };
      const create = { id: randomUUID(), name: 'article:create' as const, args };
      return article.isPublished ? [create, { id: randomUUID(), name: 'article:publish' as const, args: { id } }] : [create];
    }),
  });

  const { page, console } = await openConsole('tina');
  await console.waitForSynced();
  const desk = callDialog(page);
  const suggestions = articleSuggestions(page);
  await desk.pressAnswerCall();
  // An empty form suggests nothing.
  await expect(suggestions.root).toContainText('Type a title or a description');
  await expect(suggestions.items).toHaveCount(0);

  await desk.root.getByLabel('Requester name').fill('Ana Lima');
  await desk.root.getByLabel('Title').pressSequentially(`${model} not charging`);
  await expect.poll(() => suggestions.titles()).toEqual([articles[0]?.title, articles[1]?.title, articles[2]?.title]);
  mkdirSync('docs/screenshots', { recursive: true });
  await page.screenshot({ path: 'docs/screenshots/knowledge-suggestions.png' });

  // Reading one keeps the form as typed.
  await suggestions.read(articles[0]?.title ?? '');
  await expect(suggestions.reader.locator('.markdown strong')).toHaveText('unplug it for ten seconds');
  await expect(desk.root.getByLabel('Title')).toHaveValue(`${model} not charging`);
  await expect(desk.root.getByLabel('Requester name')).toHaveValue('Ana Lima');
  await suggestions.back();
  await expect(suggestions.items).toHaveCount(3);

  // The list follows the typing: words the articles do not hold leave only those that still match.
  await desk.root.getByLabel('Title').fill('sleep');
  await expect.poll(() => suggestions.titles()).toEqual([articles[0]?.title]);
  await desk.root.getByLabel('Title').fill('zzqx wibble');
  await expect(suggestions.root).toContainText('No published article matches yet.');
});
