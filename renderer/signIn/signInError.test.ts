import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { resources, type Language } from '../i18n/resources';
import { signInErrorText, type SignInErrorCode } from './signInError';

const signInT = async (language: Language) => {
  const instance = i18next.createInstance();
  await instance.init({ resources, lng: language, fallbackLng: 'en', defaultNS: 'common', interpolation: { escapeValue: false } });
  return instance.getFixedT(language, 'signIn');
};

const CODES: readonly SignInErrorCode[] = ['invalid', 'network', 'unexpected', 'sessionEnded', 'unencrypted', 'cacheTooNew', 'cacheUnreadable'];

describe('signInErrorText', () => {
  it('words a code in the chosen language', async () => {
    expect(signInErrorText({ code: 'invalid' }, await signInT('en'))).toBe('Wrong username or password.');
    expect(signInErrorText({ code: 'invalid' }, await signInT('id'))).toBe('Nama pengguna atau kata sandi salah.');
    expect(signInErrorText({ code: 'sessionEnded' }, await signInT('id'))).toBe('Sesi Anda telah berakhir. Silakan masuk kembali.');
  });

  it('has its own text in each language for every code', async () => {
    const [en, id] = [await signInT('en'), await signInT('id')];
    for (const code of CODES) {
      const english = signInErrorText({ code }, en);
      expect(english, code).not.toContain('error.');
      expect(signInErrorText({ code }, id), code).not.toBe(english);
    }
  });

  it("shows the server's own words as they came, and its status when it sent none", async () => {
    const id = await signInT('id');
    expect(signInErrorText({ code: 'refused', status: 429, message: 'Too many failed sign-ins.' }, id)).toBe('Too many failed sign-ins.');
    expect(signInErrorText({ code: 'refused', status: 503, message: null }, await signInT('en'))).toBe('The server answered 503.');
    expect(signInErrorText({ code: 'refused', status: 503, message: null }, id)).toBe('Server menjawab 503.');
  });
});
