import type { Page } from '@playwright/test';
import { newTicketDialog } from './newTicketDialog';

export type CallDesk = ReturnType<typeof callDialog>;

/** Taking calls: the Answer call and Take next controls of the header, and the call dialog with its timer. */
export const callDialog = (page: Page) => {
  const dialog = page.getByRole('dialog');
  const timer = dialog.getByTestId('call-timer');
  // A shortcut is pressed as a technician on the phone would, outside any text field.
  const press = async (key: string) => {
    await page.evaluate('document.activeElement instanceof HTMLElement && document.activeElement.blur()');
    await page.keyboard.press(key);
  };
  return {
    root: dialog,
    form: newTicketDialog(page),
    timer,
    clock: timer.getByRole('timer', { name: 'Call time' }),
    answerButton: page.getByRole('button', { name: /^Answer call/ }),
    takeNextButton: page.getByRole('button', { name: /^Take next/ }),
    takeNextNotice: page.getByTestId('take-next-notice'),
    pressAnswerCall: () => press('a'),
    pressTakeNext: () => press('n'),
    endCall: async () => {
      await timer.getByRole('button', { name: 'End call' }).click();
    },
    /** The clock as seconds; it reads mm:ss below an hour. */
    seconds: async (): Promise<number> => {
      const text = (await timer.getByRole('timer', { name: 'Call time' }).textContent()) ?? '';
      const match = /^(\d+):(\d{2})$/.exec(text);
      if (match === null) throw new Error(`the call clock reads "${text}"`);
      return Number(match[1]) * 60 + Number(match[2]);
    },
  };
};
