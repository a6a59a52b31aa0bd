import type { Page } from '@playwright/test';
import { DEMO_PASSWORD } from '../support/env';

export type LoginPage = ReturnType<typeof loginPage>;

export const loginPage = (page: Page) => ({
  error: page.getByTestId('login-error'),
  heading: page.getByRole('heading', { name: 'Sign in to the help desk' }),
  goto: async () => {
    await page.goto('/');
  },
  signIn: async (username: string, password = DEMO_PASSWORD) => {
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
  },
});
