import { makeTicketInput } from './support/factories';
import { expect, test } from './support/fixtures';

const CODE = /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;

test('a new ticket shows its code at once, its number after sync, and reaches another console live', async ({ openConsole }) => {
  const tina = await openConsole('tina');
  const tomas = await openConsole('tomas');
  // Marks tomas's page: the marker survives only if the page is never reloaded.
  await tomas.page.evaluate('window.__noReload = true');

  await tina.console.pressNewTicket();
  const dialog = tina.console.newTicketDialog;
  const input = makeTicketInput();
  await dialog.fill(input);
  await dialog.submit();
  await expect(dialog.code).toHaveText(CODE, { timeout: 1_000 });
  const code = (await dialog.code.textContent()) ?? '';
  await expect(dialog.number).toHaveText(/^#\d+$/);
  await expect(tina.console.row(code)).toContainText(input.title);

  await expect(tomas.console.row(code)).toContainText(input.title);
  await expect(tomas.console.row(code)).toContainText(/#\d+/);
  expect(await tomas.page.evaluate('window.__noReload === true')).toBe(true);
});

test('the form shows the rules refusal next to the fields', async ({ openConsole }) => {
  const tina = await openConsole('tina');
  await tina.console.clickNewTicket();
  const dialog = tina.console.newTicketDialog;
  await dialog.fill(makeTicketInput({ title: '   ', requesterName: '' }));
  await dialog.submit();
  await expect(dialog.fieldError('title')).toHaveText('must not be blank');
  await expect(dialog.fieldError('requesterName')).toHaveText('must not be blank');
  await expect(dialog.code).toHaveCount(0);
});
