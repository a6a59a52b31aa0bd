import { isMailLanguage, type MailLanguage } from '../../shared/mail/mailTemplates';
import { mailDomainOf } from '../../shared/mail/mailHeaders';

/**
 * How the server mails callers: the SMTP server (MEJA_SMTP_URL, `smtp://user:pass@host:587` or
 * `smtps://…:465`), the From address (MEJA_MAIL_FROM), whose domain ends every Message-ID, and
 * the language of mail when the caller's is not known (MEJA_MAIL_LANGUAGE, en or id).
 */
export type MailSettings = { smtpUrl: string; from: string; domain: string; language: MailLanguage };

const set = (value: string | undefined): value is string => value !== undefined && value.trim() !== '';

/** The SMTP URL for a log line: its password masked. */
export const describeSmtpUrl = (url: string): string => {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparsable URL)';
  }
};

/** The mail settings from the environment; null without MEJA_SMTP_URL (no mail is queued or sent). A bad value stops start-up with its reason. */
export const mailSettingsOf = (env: NodeJS.ProcessEnv): MailSettings | null => {
  if (!set(env.MEJA_SMTP_URL)) {
    if (set(env.MEJA_MAIL_FROM)) throw new Error('MEJA_MAIL_FROM needs MEJA_SMTP_URL: without an SMTP server no mail is sent.');
    return null;
  }
  let url: URL;
  try {
    url = new URL(env.MEJA_SMTP_URL);
  } catch {
    throw new Error('MEJA_SMTP_URL must be a URL such as smtp://user:password@host:587.');
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') throw new Error(`MEJA_SMTP_URL must start with smtp:// or smtps://, not ${url.protocol}//.`);
  if (!set(env.MEJA_MAIL_FROM)) throw new Error('MEJA_SMTP_URL needs MEJA_MAIL_FROM, the address mail to callers comes from (help@desk.example).');
  const from = env.MEJA_MAIL_FROM.trim();
  const domain = mailDomainOf(from);
  if (domain === null || /[\r\n]/.test(from)) throw new Error(`MEJA_MAIL_FROM must be an address such as help@desk.example, not ${JSON.stringify(from)}.`);
  const language = set(env.MEJA_MAIL_LANGUAGE) ? env.MEJA_MAIL_LANGUAGE.trim() : 'en';
  if (!isMailLanguage(language)) throw new Error(`MEJA_MAIL_LANGUAGE must be en or id, not ${JSON.stringify(language)}.`);
  return { smtpUrl: env.MEJA_SMTP_URL.trim(), from, domain, language };
};

/**
 * The address callers reach the server at, for the links in their mail (MEJA_PUBLIC_URL, e.g.
 * https://help.desk.example); without it, the address the server prints, which suits a desk on
 * one network only.
 */
export const publicUrlOf = (env: NodeJS.ProcessEnv): string | null => {
  if (!set(env.MEJA_PUBLIC_URL)) return null;
  let url: URL;
  try {
    url = new URL(env.MEJA_PUBLIC_URL.trim());
  } catch {
    throw new Error('MEJA_PUBLIC_URL must be a URL such as https://help.desk.example.');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('MEJA_PUBLIC_URL must start with https:// or http://.');
  return url.toString().replace(/\/+$/, '');
};
