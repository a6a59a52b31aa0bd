import type { Page } from '@playwright/test';

/** The Classes view: its lists of upcoming and past classes, the chosen class, the editor and the attendance dialog. */
export const classesPage = (page: Page) => {
  const view = page.getByRole('region', { name: /^(Training classes|Kelas pelatihan)$/ });
  const editor = page.getByRole('dialog', { name: /^(New class|Edit class)$/ });
  return {
    view,
    list: view.getByRole('navigation', { name: 'Classes' }),
    item: (title: string) =>
      view.getByRole('navigation', { name: 'Classes' }).getByRole('button', { name: new RegExp(`^${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) }),
    detail: view.locator('.classes-detail'),
    editor,
    attendance: page.getByRole('dialog', { name: /^Attendance: / }),
    /** Fills the editor's own fields (not trainers, materials or attendees). */
    fill: async (fields: { title?: string; topic?: string; startsAt?: string; durationMinutes?: string; place?: string }) => {
      if (fields.title !== undefined) await editor.getByRole('textbox', { name: 'Title' }).fill(fields.title);
      if (fields.topic !== undefined) await editor.getByRole('combobox', { name: 'Topic (a ticket category)' }).fill(fields.topic);
      if (fields.startsAt !== undefined) await editor.getByLabel('Starts').fill(fields.startsAt);
      if (fields.durationMinutes !== undefined) await editor.getByRole('spinbutton', { name: 'Duration in minutes' }).fill(fields.durationMinutes);
      if (fields.place !== undefined) await editor.getByRole('textbox', { name: 'Place or link' }).fill(fields.place);
    },
  };
};

/** A `datetime-local` value `days` from now at `hour`:00, in the browser's (and this process's) time zone. */
export const localTime = (days: number, hour: number): string => {
  const d = new Date();
  d.setDate(d.getDate() + days);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(hour)}:00`;
};
