import { normalizeTicketCode } from '../../shared/domain/ticketCode';

/** What a `meja://` link may ask for. Only opening a ticket, by its code, for now. */
export type DeepLink = { kind: 'ticket'; code: string };

export const DEEP_LINK_SCHEME = 'meja';

// Links come from other programs (mail, chat, a web page), so they are hostile until proven
// otherwise. Rather than hand them to a URL parser (which would resolve `..`, decode `%2F` and
// tolerate odd hosts), the whole string must match the one form we accept: the code itself,
// with or without its dash, and at most one trailing slash (Windows adds one).
const TICKET_LINK = /^meja:\/\/ticket\/([0-9a-z]{4}-?[0-9a-z]{4})\/?$/i;
const MAX_LINK_LENGTH = 64;

/** The link's request, or null for anything that is not exactly `meja://ticket/<valid code>`. */
export const parseDeepLink = (link: string): DeepLink | null => {
  if (link.length > MAX_LINK_LENGTH) return null;
  const raw = TICKET_LINK.exec(link)?.[1];
  if (raw === undefined) return null;
  const code = normalizeTicketCode(raw);
  return code === null ? null : { kind: 'ticket', code };
};

/**
 * The link in a command line (first launch on Windows and Linux, or a second instance's argv).
 * Only the first argument naming our scheme counts, so a link cannot smuggle in a second one.
 */
export const deepLinkFromArgv = (argv: readonly string[]): DeepLink | null => {
  const link = argv.find((arg) => arg.toLowerCase().startsWith(`${DEEP_LINK_SCHEME}:`));
  return link === undefined ? null : parseDeepLink(link);
};
