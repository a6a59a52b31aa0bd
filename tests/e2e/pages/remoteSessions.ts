import type { Page } from '@playwright/test';

export type RemoteSessionsSection = ReturnType<typeof remoteSessions>;

export type StartSession = { tool: string; target: string; consent: boolean };

/** The remote-sessions section of the open ticket: start form, running session and past sessions. */
export const remoteSessions = (page: Page) => {
  const region = page.getByTestId('ticket-detail').getByRole('region', { name: 'Remote sessions' });
  const running = region.getByRole('region', { name: 'Running session' });
  const startForm = region.getByRole('form', { name: 'Start a remote session' });
  const past = region.getByRole('list', { name: 'Sessions on this ticket' }).getByTestId('past-session');
  return {
    region,
    running,
    startForm,
    clock: running.getByRole('timer', { name: 'Session time' }),
    stepBox: running.getByRole('textbox', { name: 'Step' }),
    runningSteps: running.getByRole('list', { name: 'Steps' }).getByRole('listitem'),
    refusal: region.getByTestId('session-refusal'),
    total: region.getByTestId('session-total'),
    past,
    /** A past session's steps; the list is folded until its summary is clicked. */
    pastSteps: (index: number) => past.nth(index).getByRole('list', { name: 'Steps' }).getByRole('listitem'),
    unfold: async (index: number) => {
      await past.nth(index).locator('summary').click();
    },
    start: async ({ tool, target, consent }: StartSession) => {
      await startForm.getByRole('combobox', { name: 'Tool' }).selectOption({ label: tool });
      await startForm.getByRole('textbox', { name: 'Target' }).fill(target);
      await startForm.getByRole('checkbox').setChecked(consent);
      await startForm.getByRole('button', { name: 'Start session' }).click();
    },
    /** Types a step and presses Enter, as a technician does mid-session. */
    addStep: async (text: string) => {
      const box = running.getByRole('textbox', { name: 'Step' });
      await box.fill(text);
      await box.press('Enter');
    },
    end: async (outcome: string | null) => {
      if (outcome !== null) await running.getByRole('combobox', { name: 'Outcome' }).selectOption({ label: outcome });
      await running.getByRole('button', { name: 'End session' }).click();
    },
  };
};

/** `hh:mm:ss` as seconds. */
export const clockSeconds = (text: string): number => {
  const [hours = 0, minutes = 0, seconds = 0] = text.split(':').map(Number);
  return hours * 3600 + minutes * 60 + seconds;
};
