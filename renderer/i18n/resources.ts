import { common as enCommon } from './locales/en/common';
import { common as idCommon } from './locales/id/common';
import { queue as enQueue } from './locales/en/queue';
import { queue as idQueue } from './locales/id/queue';
import { track as enTrack } from './locales/en/track';
import { track as idTrack } from './locales/id/track';

/**
 * Every text of the console, per language and namespace. English is the reference: the other
 * languages are typed against it, so a missing or extra key fails the typecheck.
 */
export const resources = {
  en: { queue: enQueue, common: enCommon, track: enTrack },
  id: { queue: idQueue, common: idCommon, track: idTrack },
} as const;

export const LANGUAGES = ['en', 'id'] as const;
export type Language = (typeof LANGUAGES)[number];
