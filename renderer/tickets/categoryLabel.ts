import type { TFunction } from 'i18next';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_CATEGORIES } from '../../shared/domain/ticket';

/** The common namespace's `t`, which holds the one table of category labels. */
export type CommonT = TFunction<'common'>;

type DefaultCategory = (typeof DEFAULT_CATEGORIES)[number];
const isDefault = (category: string): category is DefaultCategory => DEFAULT_CATEGORIES.some((known) => known === category);

/**
 * A category as every view shows it (queue, form, detail, statistics): a default category by its
 * label in the chosen language, any other (imported, or typed in an edit) exactly as stored, so
 * two stored spellings never look like one.
 */
export const categoryLabel = (t: CommonT, category: string): string => (isDefault(category) ? t(`category.${category}`) : category);

/** categoryLabel in the console's language. */
export const useCategoryLabel = (): ((category: string) => string) => {
  const { t } = useTranslation('common');
  return useCallback((category: string) => categoryLabel(t, category), [t]);
};
