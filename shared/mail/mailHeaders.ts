/**
 * The headers every mail Meja sends carries (the mail conventions shared with inbound mail):
 * a Message-ID `<meja.<random>@<domain>>` and `X-Meja-Ticket`, by which Meja knows its own mail
 * when it comes back, and `Auto-Submitted: auto-generated` (RFC 3834), by which a caller's
 * autoresponder knows not to answer it. Values built from a ticket (its title, a name) reach a
 * header only through `headerSafe`: a line break there would start a header of the sender's choosing.
 */

/** The prefix of the local part of every Message-ID Meja makes. */
export const MESSAGE_ID_PREFIX = 'meja.';

/**
 * One line of header text: CR, LF and the other control characters (NUL, tab, the C1 range,
 * the Unicode line and paragraph separators) become a space, runs of spaces one, ends trimmed.
 */
export const headerSafe = (value: string): string =>
  value
    // eslint-disable-next-line no-control-regex -- control characters are what is removed
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ')
    .replace(/ {2,}/g, ' ')
    .trim();

/** A subject with the ticket's code in square brackets first, where inbound mail looks for it: `[ABCD-EFGH] Printer offline`. */
export const mailSubject = (code: string, title: string): string => {
  const rest = headerSafe(title);
  return rest === '' ? `[${headerSafe(code)}]` : `[${headerSafe(code)}] ${rest}`;
};

/** The domain of an address (`Help Desk <help@desk.example>` or `help@desk.example`), lower case; null if it has none. */
export const mailDomainOf = (address: string): string | null => {
  const match = /@([A-Za-z0-9.-]+)>?\s*$/.exec(address.trim());
  const domain = match?.[1]?.toLowerCase().replace(/\.$/, '') ?? '';
  return domain === '' ? null : domain;
};

/** `<meja.<random>@<domain>>`; `random` is made of letters and digits (the caller's random source). */
export const messageIdFor = (random: string, domain: string): string => `<${MESSAGE_ID_PREFIX}${random}@${domain}>`;

/** The headers besides From, To, Subject and Message-ID that mark a mail as Meja's, about one ticket. */
export const mejaHeaders = (code: string): Readonly<Record<string, string>> => ({
  'Auto-Submitted': 'auto-generated',
  'X-Meja-Ticket': headerSafe(code),
});

/**
 * Whether a requester's contact is one e-mail address, as the desk types it: a local part and a
 * domain with a dot, no spaces, no angle brackets, no second address. A phone number or a room is
 * not mailed.
 */
export const isMailAddress = (contact: string | null): contact is string =>
  contact !== null &&
  contact.length <= 254 &&
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/.test(contact.trim());
