/** Formatting shared by the ticket views; words come from i18n (see ticketLabels.ts), dates from shared/format/dates.ts. */

/** `walk-in` → `Walk-in`: option labels from lower-case identifiers. */
export const capitalize = (value: string): string => value.charAt(0).toUpperCase() + value.slice(1);
