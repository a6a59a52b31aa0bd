import type { Notice } from '../../shared/domain/ticketNotices';
import { formatUnit } from '../../shared/format/numbers';

/** The languages the desktop shell speaks outside the page (notifications, tray). */
export type ShellLanguage = 'en' | 'id';

/** `id`, `id-ID` and friends get Bahasa Indonesia; every other locale gets English. */
export const shellLanguage = (locale: string): ShellLanguage => (/^(id|in)\b/i.test(locale) ? 'id' : 'en');

export type NoticeText = { title: string; body: string };

type NoticeTexts = {
  assigned(code: string): string;
  followedResolved(code: string): string;
  slaNearBreach(code: string, left: string): string;
  target: Record<'firstResponse' | 'resolution', string>;
  /** How minutes read in a title: "12 min" is usual in English, Indonesian spells out "12 menit". */
  minuteDisplay: 'short' | 'long';
};

const TEXTS: Record<ShellLanguage, NoticeTexts> = {
  en: {
    assigned: (code) => `Ticket ${code} assigned to you`,
    followedResolved: (code) => `Ticket ${code} you follow was resolved`,
    slaNearBreach: (code, left) => `SLA breach in ${left}: ${code}`,
    target: { firstResponse: 'First response due', resolution: 'Resolution due' },
    minuteDisplay: 'short',
  },
  id: {
    assigned: (code) => `Tiket ${code} ditugaskan kepada Anda`,
    followedResolved: (code) => `Tiket ${code} yang Anda ikuti telah diselesaikan`,
    slaNearBreach: (code, left) => `Batas SLA ${code} tinggal ${left}`,
    target: { firstResponse: 'Tenggat respons pertama', resolution: 'Tenggat penyelesaian' },
    minuteDisplay: 'long',
  },
};

/** Minutes left, rounded up so "due in 0 min" only shows at the due time itself. */
const minutesLeft = (dueAt: string, now: Date): number => Math.max(0, Math.ceil((Date.parse(dueAt) - now.getTime()) / 60_000));

/** Title and body of a notice's OS notification in the given locale, as of `now`. */
export const noticeText = (notice: Notice, locale: string, now: Date): NoticeText => {
  const language = shellLanguage(locale);
  const texts = TEXTS[language];
  if (notice.kind === 'assigned') return { title: texts.assigned(notice.code), body: notice.title };
  if (notice.kind === 'followedResolved') return { title: texts.followedResolved(notice.code), body: notice.title };
  return {
    title: texts.slaNearBreach(notice.code, formatUnit(minutesLeft(notice.dueAt, now), language, 'minute', texts.minuteDisplay)),
    body: `${texts.target[notice.target]} · ${notice.title}`,
  };
};
