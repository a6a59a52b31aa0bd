import { randomBytes, randomUUID } from 'node:crypto';
import { makeTicketCode } from '../../shared/domain/ticketCode';
import { PROTOCOL_VERSION } from '../../shared/sync/protocol';
import { apiSignIn, pushAs, serverClasses } from './support/api';
import { expect, test } from './support/fixtures';
import { classesPage, localTime } from './pages/classes';
import { statsPage } from './pages/statsPage';

const DAY = 86_400_000;
const utcDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

test('a supervisor plans a class from a training topic with the requesters who called most about it suggested, and marks attendance after it', async ({
  openConsole,
}) => {
  // Four whole ISO weeks before this one, the last ending this Monday; a category of this test's own rises in them
  // (1, 3, 5, 8 tickets). Tickets are pushed as offline work made back then (at most 30 days old).
  const thisMonday = Math.floor(Date.now() / DAY) * DAY - ((new Date().getUTCDay() + 6) % 7) * DAY;
  const firstMonday = thisMonday - 28 * DAY;
  const topic = `vpn-${randomUUID().slice(0, 6)}`;
  const callers = [
    ...Array.from({ length: 6 }, () => ({ name: 'Greta Vogel', contact: 'ext. 12' })),
    ...Array.from({ length: 4 }, () => ({ name: 'Hadi Santoso', contact: null })),
    ...Array.from({ length: 7 }, (_, i) => ({ name: `Caller ${i}`, contact: null })),
  ];
  const { token } = await apiSignIn('tomas');
  const sentAt = new Date().toISOString();
  const mutations = [1, 3, 5, 8].flatMap((count, week) =>
    Array.from({ length: count }, (_, i) => {
      const requester = callers[[1, 3, 5, 8].slice(0, week).reduce((a, b) => a + b, 0) + i] ?? { name: 'Nobody', contact: null };
      return {
        id: randomUUID(),
        name: 'ticket:create',
        // Late in each week, so even the first is less than 30 days old.
        at: new Date(firstMonday + week * 7 * DAY + 5 * DAY + 12 * 3_600_000 + i * 60_000).toISOString(),
        args: {
          id: randomUUID(),
          code: makeTicketCode((n) => Uint8Array.from(randomBytes(n))),
          title: `VPN drops ${i}`,
          description: '',
          requester,
          category: topic,
          priority: 'normal' as const,
          channel: 'phone' as const,
        },
      };
    }),
  );
  await pushAs(token, { protocol: PROTOCOL_VERSION, clientId: `e2e-${randomUUID()}`, sentAt, mutations });

  const sue = await openConsole('sue');
  const { page } = sue;
  const stats = statsPage(page);
  await stats.open();
  await stats.preset('Custom').check();
  await stats.customFrom.fill(utcDate(firstMonday));
  await stats.customTo.fill(utcDate(thisMonday - DAY));
  const row = stats.table('Categories').getByRole('row', { name: new RegExp(topic) });
  await expect(row).toContainText('Yes');
  await row.getByRole('button', { name: `Plan a class on ${topic}` }).click();

  // The Classes view opens on a new class with that topic and the most frequent callers invited, most tickets first.
  const classes = classesPage(page);
  await expect(classes.editor).toBeVisible();
  await expect(classes.editor.getByRole('combobox', { name: 'Topic (a ticket category)' })).toHaveValue(topic);
  await expect(classes.editor).toContainText('Suggested: the requesters with the most tickets in this category in the period.');
  await expect(classes.editor.getByRole('textbox', { name: 'Name of attendee 1' })).toHaveValue('Greta Vogel');
  await expect(classes.editor.getByRole('textbox', { name: 'Contact of attendee 1' })).toHaveValue('ext. 12');
  await expect(classes.editor.getByRole('textbox', { name: 'Name of attendee 2' })).toHaveValue('Hadi Santoso');
  await expect(classes.editor.getByRole('textbox', { name: /^Name of attendee/ })).toHaveCount(9);

  // Held yesterday, so its attendance can be marked now.
  const title = `Staying connected to the VPN ${topic}`;
  await classes.fill({ title, startsAt: localTime(-1, 9), durationMinutes: '60', place: 'https://meet.example.com/vpn' });
  await classes.editor.getByRole('button', { name: 'Save class' }).click();
  await expect(classes.editor).toHaveCount(0);
  await expect(classes.list.getByRole('heading', { name: 'Past' })).toBeVisible();
  await expect(classes.detail.getByRole('heading', { name: title })).toBeVisible();
  await expect(classes.detail).toContainText('0 attended, 0 absent, 9 not marked');

  await classes.detail.getByRole('button', { name: 'Mark attendance' }).click();
  await classes.attendance.getByRole('combobox', { name: 'Attendance of Greta Vogel' }).selectOption('attended');
  await classes.attendance.getByRole('combobox', { name: 'Attendance of Hadi Santoso' }).selectOption('absent');
  await classes.attendance.getByRole('button', { name: 'Save attendance' }).click();
  await expect(classes.attendance).toHaveCount(0);
  await expect(classes.view.getByRole('status')).toContainText(`Attendance of “${title}” saved.`);
  await expect(classes.detail).toContainText('1 attended, 1 absent, 7 not marked');
  await sue.console.waitForSynced();

  // The server holds the class with the attendance as marked, its attendees named as they called.
  const saved = [...(await serverClasses(token)).values()].find((c) => c.title === title);
  expect(saved).toMatchObject({ topic, version: 2, place: 'https://meet.example.com/vpn' });
  expect(saved?.attendees.slice(0, 3)).toEqual([
    { name: 'Greta Vogel', contact: 'ext. 12', attendance: 'attended' },
    { name: 'Hadi Santoso', contact: null, attendance: 'absent' },
    { name: expect.stringMatching(/^Caller \d$/), contact: null, attendance: 'unmarked' },
  ]);
});
