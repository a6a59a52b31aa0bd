import type { Notice } from '../../shared/domain/ticketNotices';
import { noticeText } from './noticeTexts';

/** What the notifier needs of Electron's Notification; a fake in tests. */
export type NotificationLike = {
  show(): void;
  // An intersection rather than one signature over a union: Electron declares one overload per event.
  on: ((event: 'click', listener: () => void) => unknown) &
    ((event: 'close', listener: () => void) => unknown) &
    ((event: 'failed', listener: () => void) => unknown);
};
export type NotificationConstructorLike = new (options: { title: string; body: string }) => NotificationLike;

export type NotifierOptions = {
  NotificationCtor: NotificationConstructorLike;
  isSupported(): boolean;
  /** The locale to write in; a function so a language change applies to the next notification. */
  locale: string | (() => string);
  /** The technician clicked the notification of this ticket (show the window, open the ticket). */
  onClick(ticketId: string): void;
  now?: () => Date;
};

export type Notifier = {
  /** Shows the notice as an OS notification; false where the OS has none. */
  show(notice: Notice): boolean;
  /** Notifications shown and not yet clicked or closed (kept alive on purpose, see below). */
  liveCount(): number;
};

export const createNotifier = (options: NotifierOptions): Notifier => {
  const now = options.now ?? (() => new Date());
  const locale = (): string => (typeof options.locale === 'string' ? options.locale : options.locale());
  // A Notification nobody references may be garbage-collected while still on screen, and its
  // click then goes nowhere (a known Electron pitfall). Hold each one until it is clicked or closed.
  const live = new Set<NotificationLike>();

  const show = (notice: Notice): boolean => {
    if (!options.isSupported()) return false;
    const notification = new options.NotificationCtor(noticeText(notice, locale(), now()));
    const drop = (): void => {
      live.delete(notification);
    };
    notification.on('click', () => {
      drop();
      options.onClick(notice.ticketId);
    });
    notification.on('close', drop);
    notification.on('failed', drop);
    live.add(notification);
    notification.show();
    return true;
  };

  return { show, liveCount: () => live.size };
};
