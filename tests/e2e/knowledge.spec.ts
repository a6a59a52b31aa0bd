import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { knowledgePage } from './pages/knowledge';
import { expectNoSeriousA11yViolations } from './support/axe';
import { expect, test } from './support/fixtures';

test('a technician opens the knowledge base with B, finds and reads an article, and writes one with a preview that keeps hostile Markdown inert', async ({
  openConsole,
}) => {
  const tina = await openConsole('tina');
  const { page } = tina;
  const knowledge = knowledgePage(page);

  await page.keyboard.press('b');
  await expect(knowledge.view).toBeVisible();
  // The demo's articles arrive by sync: search narrows them, the category filter too.
  await expect(knowledge.items.filter({ hasText: 'Reset your password' })).toBeVisible();
  await knowledge.search.fill('PAPER jam');
  await expect(knowledge.items).toHaveCount(1);
  await expect(knowledge.items.first()).toContainText('Printer shows "paper jam"');
  await knowledge.search.fill('');
  await knowledge.category.selectOption('network');
  await expect(knowledge.items).toHaveCount(1);
  await knowledge.items.first().click();
  await expect(knowledge.reader.getByRole('heading', { name: 'Menyambung ke VPN kantor' })).toBeVisible();
  await expect(knowledge.reader.locator('.markdown strong')).toHaveText('VPN');
  await expect(knowledge.reader.getByRole('link', { name: 'panduan vendor' })).toHaveAttribute('href', 'https://example.com/vpn');
  await knowledge.category.selectOption('');

  // Writing: Markdown with a preview, raw HTML and a javascript: link shown as text.
  const title = `Teams camera not found ${randomUUID().slice(0, 6)}`;
  await knowledge.write({
    title,
    category: 'software',
    tags: 'teams, camera',
    body: '1. Quit **Teams**\n2. Unplug the camera\n\n<img src=x onerror="window.__pwned=true"> [run](javascript:window.__pwned=true)',
  });
  await knowledge.editor.getByRole('button', { name: 'Preview' }).click();
  const preview = knowledge.editor.getByRole('region', { name: 'Preview' });
  await expect(preview.locator('strong')).toHaveText('Teams');
  await expect(preview).toContainText('<img src=x onerror="window.__pwned=true">');
  await expect(preview).toContainText('[run](javascript:window.__pwned=true)');
  await expect(preview.locator('img, a')).toHaveCount(0);
  mkdirSync('docs/screenshots', { recursive: true });
  await page.screenshot({ path: 'docs/screenshots/knowledge-editor.png' });
  await expectNoSeriousA11yViolations(page, 'the article editor');
  await knowledge.editor.getByRole('button', { name: 'Save draft' }).click();
  await expect(knowledge.editor).toHaveCount(0);
  await expect(knowledge.view.getByRole('status')).toContainText(`Saved “${title}”`);
  await expect(knowledge.reader.getByRole('heading', { name: title })).toBeVisible();
  await expect(knowledge.reader).toContainText('Draft');

  // Published, then edited: the history lists who did what, and the first version restores.
  await knowledge.reader.getByRole('button', { name: 'Publish' }).click();
  await expect(knowledge.view.getByRole('status')).toContainText(`Published “${title}”`);
  await knowledge.reader.getByRole('button', { name: 'Edit' }).click();
  await knowledge.editor.getByRole('textbox', { name: 'Text (Markdown)' }).fill('Restart the computer.');
  await knowledge.editor.getByRole('button', { name: 'Save changes' }).click();
  await expect(knowledge.reader.locator('.markdown')).toHaveText('Restart the computer.');
  await knowledge.reader.getByRole('button', { name: 'History' }).click();
  const history = knowledge.reader.getByRole('list', { name: 'History' });
  await expect(history.getByRole('listitem')).toHaveCount(3);
  await expect(history.getByRole('listitem').first()).toContainText('Version 3: edited by Tina Tamm');
  await expect(history.getByRole('listitem').first()).toContainText('Changed: text');
  await expectNoSeriousA11yViolations(page, 'the knowledge view with an article and its history');
  await page.screenshot({ path: 'docs/screenshots/knowledge-view.png' });
  await history.getByRole('button', { name: 'Restore version 1' }).click();
  await expect(knowledge.view.getByRole('status')).toContainText(`Restored version 1 of “${title}”`);
  await expect(knowledge.reader.locator('.markdown strong')).toHaveText('Teams');
  await expect(history.getByRole('listitem').first()).toContainText('Version 4: restored from version 1 by Tina Tamm');
  await tina.console.waitForSynced();

  // The rendered article never ran anything, nor put a handler anywhere (a string: the e2e project has no DOM types).
  expect(await page.evaluate('window.__pwned')).toBeUndefined();
  expect(
    await page.evaluate(
      `[...document.querySelectorAll('*')].filter((element) => [...element.attributes].some((attribute) => attribute.name.startsWith('on'))).length`,
    ),
  ).toBe(0);
  await expect(knowledge.reader.locator('.markdown img')).toHaveCount(0);

  // Escape goes back to the queue.
  await page.keyboard.press('Escape');
  await expect(knowledge.view).toHaveCount(0);
});
