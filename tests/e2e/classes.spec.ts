import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { PROTOCOL_VERSION } from '../../shared/sync/protocol';
import { apiSignIn, pushAs, serverClasses } from './support/api';
import { expectNoSeriousA11yViolations } from './support/axe';
import { expect, test } from './support/fixtures';
import { classesPage, localTime } from './pages/classes';

test('a technician opens the classes with L, reads a past class’s attendance, plans one with clear messages on bad input, and is told of a conflicting edit', async ({
  openConsole,
}) => {
  const tina = await openConsole('tina');
  const { page } = tina;
  const classes = classesPage(page);

  await page.keyboard.press('l');
  await expect(classes.view).toBeVisible();
  // The demo's classes arrive by sync: one held three to four weeks ago with its attendance, one next week.
  await expect(classes.list.getByRole('heading', { name: 'Upcoming' })).toBeVisible();
  await classes.item('Passwords and sign-in without calling the desk').click();
  await expect(classes.detail).toContainText('2 attended, 1 absent, 0 not marked');
  await expect(classes.detail.getByRole('row', { name: /Marta Kowalski/ })).toContainText('Attended');
  await expect(classes.detail.getByRole('button', { name: 'Mark attendance' })).toBeEnabled();
  mkdirSync('docs/screenshots', { recursive: true });
  await page.screenshot({ path: 'docs/screenshots/classes.png' });
  await expectNoSeriousA11yViolations(page, 'the classes view with a past class');

  // Bad input is named field by field; nothing is saved.
  const title = `Printing without jams ${randomUUID().slice(0, 6)}`;
  await classes.view.getByRole('button', { name: 'New class' }).click();
  await classes.fill({ title: ' ', durationMinutes: '0' });
  await classes.editor.getByRole('button', { name: 'Add attendee' }).click();
  await classes.editor.getByRole('textbox', { name: 'Contact of attendee 1' }).fill('ext. 12');
  await classes.editor.getByRole('button', { name: 'Save class' }).click();
  await expect(classes.editor.getByRole('alert')).toHaveText([
    'must not be blank',
    'must not be blank',
    'a whole number of minutes from 1 to 1440',
    'must not be blank',
    'every attendee needs a name',
  ]);
  await classes.fill({ title, topic: 'printing', startsAt: localTime(3, 14), durationMinutes: '45', place: 'Room 2' });
  await classes.editor.getByRole('textbox', { name: 'Name of attendee 1' }).fill('Aisha Rahman');
  await classes.editor.getByRole('checkbox', { name: 'Printer shows "paper jam" but no paper is stuck' }).check();
  await expectNoSeriousA11yViolations(page, 'the class editor');
  await classes.editor.getByRole('button', { name: 'Save class' }).click();
  await expect(classes.editor).toHaveCount(0);
  await expect(classes.view.getByRole('status')).toContainText(`Saved “${title}”`);
  await expect(classes.detail.getByRole('heading', { name: title })).toBeVisible();
  await expect(classes.detail).toContainText('Printer shows "paper jam" but no paper is stuck');
  await expect(classes.detail.getByRole('button', { name: 'Mark attendance' })).toBeDisabled();
  await expect(classes.detail).toContainText('Attendance can be marked once the class has started.');
  await tina.console.waitForSynced();

  // Sam saves the class from another console while Tina edits it: her save is refused and she is told so.
  await classes.detail.getByRole('button', { name: 'Edit' }).click();
  await classes.fill({ place: 'Room 9' });
  const sam = await apiSignIn('sam');
  const id = [...(await serverClasses(sam.token)).values()].find((c) => c.title === title)?.id;
  expect(id).toBeDefined();
  await pushAs(sam.token, {
    protocol: PROTOCOL_VERSION,
    clientId: `e2e-${randomUUID()}`,
    mutations: [{ id: randomUUID(), name: 'class:update', args: { id: id ?? '', baseVersion: 1, place: 'Lab 4' } }],
  });
  await expect(classes.detail).toContainText('Lab 4');
  await classes.editor.getByRole('button', { name: 'Save changes' }).click();
  await expect(classes.editor.getByRole('alert')).toContainText('Someone else saved this class meanwhile');
  await classes.editor.getByRole('button', { name: 'Cancel' }).click();
  await expect(classes.detail).toContainText('Lab 4');

  await page.keyboard.press('Escape');
  await expect(classes.view).toHaveCount(0);
});
