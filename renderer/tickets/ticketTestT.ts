import i18next from 'i18next';
import { resources, type Language } from '../i18n/resources';
import type { TicketT } from './ticketLabels';

/** The ticket namespace's real texts for unit tests: a fresh i18next instance, nothing stubbed. */
export const ticketT = async (language: Language): Promise<TicketT> => {
  const instance = i18next.createInstance();
  await instance.init({ resources, lng: language, fallbackLng: 'en', defaultNS: 'common', interpolation: { escapeValue: false } });
  return instance.getFixedT(language, 'ticket');
};
