import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { PROTOCOL_VERSION } from '../../shared/sync/protocol';
import { helpPage } from './pages/helpPage';
import { trackPage } from './pages/trackPage';
import { apiSignIn, pushAs } from './support/api';
import { expectNoSeriousA11yViolations } from './support/axe';
import { expect, test } from './support/fixtures';

type NewArticle = { title: string; body: string; category: string; visibility: 'public' | 'internal'; isPublished: boolean };

/** Writes articles as a technician's console would, publishing those that say so; returns their ids. */
const writeArticles = async (articles: readonly NewArticle[]): Promise<string[]> => {
  const { token } = await apiSignIn('tina');
  const ids = articles.map(() => randomUUID());
  await pushAs(token, {
    protocol: PROTOCOL_VERSION,
    clientId: `e2e-help-${randomUUID()}`,
    mutations: articles.flatMap((article, index) => {
      const id = ids[index] ?? '';
      const create = {
        id: randomUUID(),
        name: 'article:create' as const,
        args: { id, title: article.title, body: article.body, category: article.category, tags: ['e2e'], visibility: article.visibility },
      };
      return article.isPublished ? [create, { id: randomUUID(), name: 'article:publish' as const, args: { id } }] : [create];
    }),
  });
  return ids;
};

test('a caller finds /help from /track, searches, reads an article at its own address and says it solved the problem, in both languages', async ({ page }) => {
  const word = `quokka${randomUUID().slice(0, 6)}`;
  const [publicId] = await writeArticles([
    {
      title: `Reset your ${word} token`,
      body: `Open the **token app** and choose *Reset*.\n\n1. Sign in\n2. Confirm with your phone\n\nMore at [the vendor's guide](https://example.com/${word}).`,
      category: 'accounts',
      visibility: 'public',
      isPublished: true,
    },
    { title: `Internal ${word} runbook`, body: 'Only for the desk.', category: 'accounts', visibility: 'internal', isPublished: true },
    { title: `Draft ${word} notes`, body: 'Not finished.', category: 'accounts', visibility: 'public', isPublished: false },
  ]);

  const caller = trackPage(page);
  await caller.goto();
  await page.getByTestId('track-help-link').click();
  await expect(page).toHaveURL(/\/help$/);
  const help = helpPage(page);
  await expect(help.heading).toHaveText('Help articles');

  await help.search(word);
  await expect(page).toHaveURL(new RegExp(`/help\\?q=${word}$`));
  // Only the published public article: the internal one and the draft are not there.
  await expect(help.resultLinks).toHaveCount(1);
  await expect(help.resultLinks).toHaveText(`Reset your ${word} token`);
  await help.resultLinks.click();
  await expect(page).toHaveURL(new RegExp(`/help/${publicId}$`));
  await expect(help.article.getByRole('heading', { level: 1 })).toHaveText(`Reset your ${word} token`);
  await expect(help.body.locator('strong')).toHaveText('token app');
  await expect(help.body.getByRole('listitem')).toHaveCount(2);
  await expect(help.body.getByRole('link', { name: "the vendor's guide" })).toHaveAttribute('href', `https://example.com/${word}`);
  await expect(help.feedback).toContainText('Did this solve your problem?');
  mkdirSync('docs/screenshots', { recursive: true });
  await page.screenshot({ path: 'docs/screenshots/help.png', fullPage: true });
  await expectNoSeriousA11yViolations(page, 'an article on /help');

  await help.answer(true);
  await expect(help.thanks).toHaveText('Thank you! We are glad it helped.');

  // A deep link opens the article itself; Back returns to the search.
  await page.goBack();
  await expect(help.resultLinks).toHaveText(`Reset your ${word} token`);
  await page.goto(`/help/${publicId}`);
  await expect(help.article.getByRole('heading', { level: 1 })).toHaveText(`Reset your ${word} token`);

  // Bahasa Indonesia.
  await help.language.selectOption('id');
  await expect(help.feedback).toContainText('Apakah ini menyelesaikan masalah Anda?');
  await expect(help.feedback.getByRole('button', { name: 'Ya' })).toBeVisible();
  await page.getByRole('link', { name: /Semua artikel/ }).click();
  await expect(help.heading).toHaveText('Artikel bantuan');
  await expectNoSeriousA11yViolations(page, 'the search on /help in Bahasa Indonesia');
  await help.language.selectOption('en');

  // An article that is not public, or no article, gets the same message.
  await help.search(`${word} runbook`);
  await expect(help.results).toContainText(`No article matches “${word} runbook”`);
  await page.goto(`/help/${randomUUID()}`);
  await expect(help.message).toHaveText('This article does not exist or is no longer available.');
});

test('hostile Markdown and HTML in a public article is shown inert on /help: no script runs, no raw HTML, no javascript: link', async ({ page }) => {
  const marker = `inert${randomUUID().slice(0, 6)}`;
  const hostile = [
    `# ${marker}`,
    '<script>window.__pwned = "script"</script>',
    '<img src=x onerror="window.__pwned = \'img\'">',
    '<a href="javascript:window.__pwned = \'a\'">raw link</a>',
    "[click me](javascript:window.__pwned='md')",
    "[encoded](&#106;avascript:window.__pwned='entity')",
    '<iframe src="https://example.com"></iframe>',
    '![tracker](https://example.com/pixel.png)',
    '[safe](https://example.com/safe)',
  ].join('\n\n');
  const [id] = await writeArticles([{ title: `Hostile ${marker}`, body: hostile, category: 'security', visibility: 'public', isPublished: true }]);
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });

  const help = helpPage(page);
  await help.goto(`/help/${id}`);
  await expect(help.body.getByRole('heading', { name: marker })).toBeVisible();
  // Raw HTML is text on the page, not elements.
  await expect(help.body).toContainText('<script>window.__pwned = "script"</script>');
  await expect(help.body).toContainText('<img src=x onerror=');
  await expect(help.body).toContainText('<iframe src=');
  await expect(help.body.locator('script, img, iframe, object, embed, style')).toHaveCount(0);
  // Links only to http(s) (the safe one, the image's address, the address in the iframe's text); the javascript: ones stay as the text that was typed.
  await expect(help.body.getByRole('link', { name: 'safe' })).toHaveAttribute('href', 'https://example.com/safe');
  const hrefs = await help.body.locator('a').evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''));
  expect(hrefs.sort()).toEqual(['https://example.com', 'https://example.com/pixel.png', 'https://example.com/safe']);
  await expect(help.body.locator('a[href^="javascript:" i]')).toHaveCount(0);
  await expect(help.body).toContainText("[click me](javascript:window.__pwned='md')");
  // Clicking everything that looks clickable runs nothing.
  for (const text of ['raw link', 'click me', 'encoded']) await help.body.getByText(text).first().click();
  expect(await page.evaluate('window.__pwned')).toBeUndefined();
  expect(dialogs).toEqual([]);
});
