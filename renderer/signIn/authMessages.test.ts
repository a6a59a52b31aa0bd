import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { resources, type Language } from '../i18n/resources';
import { AUTH_MESSAGES, loginErrorText } from './authMessages';

const shellT = async (language: Language) => {
  const instance = i18next.createInstance();
  await instance.init({ resources, lng: language, fallbackLng: 'en', defaultNS: 'common', interpolation: { escapeValue: false } });
  return instance.getFixedT(language, 'signIn');
};

describe('loginErrorText', () => {
  it('words our own refusals in the chosen language', async () => {
    expect(loginErrorText(AUTH_MESSAGES.invalid, await shellT('en'))).toBe('Wrong username or password.');
    expect(loginErrorText(AUTH_MESSAGES.invalid, await shellT('id'))).toBe('Nama pengguna atau kata sandi salah.');
    expect(loginErrorText(AUTH_MESSAGES.sessionEnded, await shellT('id'))).toBe('Sesi Anda telah berakhir. Silakan masuk kembali.');
  });

  it('has a text in every language for every refusal', async () => {
    const id = await shellT('id');
    const worded = Object.values(AUTH_MESSAGES).map((message) => loginErrorText(message, id));
    expect(worded.filter((text, i) => text === Object.values(AUTH_MESSAGES)[i])).toEqual([]);
  });

  it('shows a message it does not know as it came', async () => {
    expect(loginErrorText('The server answered 503.', await shellT('id'))).toBe('The server answered 503.');
  });
});
