import type { Notification } from 'electron';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { Notice } from '../../shared/domain/ticketNotices';
import { noticeText, shellLanguage } from './noticeTexts';
import { createNotifier, type NotificationConstructorLike, type NotificationLike } from './notifications';

type Listener = () => void;

/** Records what the notifier did with each notification and lets the test click or close it. */
const fakeNotifications = () => {
  const made: Array<{ options: { title: string; body: string }; shown: boolean; emit(event: string): void }> = [];
  class FakeNotification implements NotificationLike {
    private readonly listeners = new Map<string, Listener[]>();
    private readonly record: (typeof made)[number];
    constructor(options: { title: string; body: string }) {
      this.record = { options, shown: false, emit: (event) => this.listeners.get(event)?.forEach((listener) => listener()) };
      made.push(this.record);
    }
    show(): void {
      this.record.shown = true;
    }
    on(event: string, listener: Listener): this {
      this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
      return this;
    }
  }
  return { made, FakeNotification };
};

const now = new Date('2026-03-02T12:48:00.000Z');
const assigned: Notice = { kind: 'assigned', ticketId: 't-1', code: 'ABCD-2345', title: 'Printer jams' };
const nearBreach: Notice = {
  kind: 'slaNearBreach',
  ticketId: 't-2',
  code: 'WXYZ-6789',
  title: 'VPN down',
  target: 'resolution',
  dueAt: '2026-03-02T13:00:00.000Z',
};

describe('notice texts', () => {
  it('says who got the ticket, in English and in Bahasa Indonesia', () => {
    expect(noticeText(assigned, 'en-US', now)).toEqual({ title: 'Ticket ABCD-2345 assigned to you', body: 'Printer jams' });
    expect(noticeText(assigned, 'id-ID', now)).toEqual({ title: 'Tiket ABCD-2345 ditugaskan kepada Anda', body: 'Printer jams' });
  });

  it('says that a ticket one follows was resolved, in English and in Bahasa Indonesia', () => {
    const resolved: Notice = { kind: 'followedResolved', ticketId: 't-3', code: 'QRST-2345', title: 'VPN drops', resolvedBy: 'user-sam' };
    expect(noticeText(resolved, 'en', now)).toEqual({ title: 'Ticket QRST-2345 you follow was resolved', body: 'VPN drops' });
    expect(noticeText(resolved, 'id-ID', now)).toEqual({ title: 'Tiket QRST-2345 yang Anda ikuti telah diselesaikan', body: 'VPN drops' });
  });

  it('counts the minutes left with Intl, rounded up', () => {
    expect(noticeText(nearBreach, 'en', now)).toEqual({ title: 'SLA breach in 12 min: WXYZ-6789', body: 'Resolution due · VPN down' });
    expect(noticeText(nearBreach, 'id', new Date('2026-03-02T12:48:30.000Z'))).toEqual({
      title: 'Batas SLA WXYZ-6789 tinggal 12 menit',
      body: 'Tenggat penyelesaian · VPN down',
    });
    expect(noticeText({ ...nearBreach, target: 'firstResponse' }, 'en', now).body).toBe('First response due · VPN down');
  });

  it('picks Indonesian only for Indonesian locales', () => {
    expect(['id', 'id-ID', 'in', 'en-GB', 'de', 'ind'].map(shellLanguage)).toEqual(['id', 'id', 'id', 'en', 'en', 'en']);
  });
});

describe('notifier', () => {
  it('fits the Electron Notification class', () => {
    expectTypeOf<typeof Notification>().toExtend<NotificationConstructorLike>();
  });

  it('shows the notice and opens its ticket on click', () => {
    const { made, FakeNotification } = fakeNotifications();
    const clicked: string[] = [];
    const notifier = createNotifier({
      NotificationCtor: FakeNotification,
      isSupported: () => true,
      locale: 'en',
      onClick: (id) => clicked.push(id),
      now: () => now,
    });
    expect(notifier.show(assigned)).toBe(true);
    expect(made).toEqual([expect.objectContaining({ options: { title: 'Ticket ABCD-2345 assigned to you', body: 'Printer jams' }, shown: true })]);
    made[0]?.emit('click');
    expect(clicked).toEqual(['t-1']);
  });

  it('keeps shown notifications referenced until clicked, closed or failed', () => {
    const { made, FakeNotification } = fakeNotifications();
    const notifier = createNotifier({ NotificationCtor: FakeNotification, isSupported: () => true, locale: 'en', onClick: () => undefined });
    notifier.show(assigned);
    notifier.show(nearBreach);
    notifier.show(assigned);
    expect(notifier.liveCount()).toBe(3);
    made[0]?.emit('click');
    made[1]?.emit('close');
    expect(notifier.liveCount()).toBe(1);
    made[2]?.emit('failed');
    expect(notifier.liveCount()).toBe(0);
  });

  it('reads the locale at each notification', () => {
    const { made, FakeNotification } = fakeNotifications();
    let locale = 'en';
    const notifier = createNotifier({ NotificationCtor: FakeNotification, isSupported: () => true, locale: () => locale, onClick: () => undefined });
    notifier.show(assigned);
    locale = 'id';
    notifier.show(assigned);
    expect(made.map((n) => n.options.title)).toEqual(['Ticket ABCD-2345 assigned to you', 'Tiket ABCD-2345 ditugaskan kepada Anda']);
  });

  it('shows nothing where the OS has no notifications', () => {
    const { made, FakeNotification } = fakeNotifications();
    const notifier = createNotifier({ NotificationCtor: FakeNotification, isSupported: () => false, locale: 'en', onClick: () => undefined });
    expect(notifier.show(assigned)).toBe(false);
    expect(made).toEqual([]);
  });
});
