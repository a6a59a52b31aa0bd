import { common as enCommon } from './locales/en/common';
import { common as idCommon } from './locales/id/common';

/**
 * Every text of the console, per language and namespace. English is the reference: the other
 * languages are typed against it, so a missing or extra key fails the typecheck.
 */
export const resources = {
  en: { common: enCommon },
  id: { common: idCommon },
} as const;

export const LANGUAGES = ['en', 'id'] as const;
export type Language = (typeof LANGUAGES)[number];
