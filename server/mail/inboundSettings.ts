/** The inbound mail listener's settings; `listen` null: no listener (the default). */
export type InboundMailSettings = {
  listen: { host: string; port: number } | null;
  /** Recipient domains accepted (lower case); mail for any other is refused at RCPT TO, so the listener never relays. */
  domains: readonly string[];
  /** The largest mail taken, in bytes as sent (attachments base64-encoded). */
  maxBytes: number;
};

const set = (value: string | undefined): value is string => value !== undefined && value.trim() !== '';

const listenOf = (value: string): { host: string; port: number } => {
  const match = /^(?:\[([0-9a-fA-F:.]+)\]|([^:[\]]*)):(\d{1,5})$/.exec(value.trim());
  const port = Number(match?.[3]);
  if (match === null || !Number.isInteger(port) || port < 0 || port > 65_535)
    throw new Error(`MEJA_MAIL_LISTEN must be host:port (say 0.0.0.0:2525 or [::1]:2525), not ${JSON.stringify(value)}.`);
  const host = match[1] ?? match[2] ?? '';
  return { host: host === '' ? '0.0.0.0' : host, port };
};

const DOMAIN = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;

/**
 * Mail is base64 on the wire, a third larger than the files it carries: the default limit takes
 * one attachment of MEJA_ATTACHMENT_MAX_MB, encoded, and a megabyte of text and headers besides.
 */
export const defaultMailMaxBytes = (attachmentMaxBytes: number): number => Math.ceil((attachmentMaxBytes * 4) / 3) + 1024 * 1024;

/** MEJA_MAIL_LISTEN, MEJA_MAIL_DOMAINS, MEJA_MAIL_MAX_MB; a bad value stops start-up with its reason. */
export const inboundMailSettingsOf = (env: NodeJS.ProcessEnv, attachmentMaxBytes: number): InboundMailSettings => {
  const listen = set(env.MEJA_MAIL_LISTEN) ? listenOf(env.MEJA_MAIL_LISTEN) : null;
  const domains = (env.MEJA_MAIL_DOMAINS ?? '')
    .split(',')
    .map((domain) => domain.trim().toLowerCase())
    .filter((domain) => domain !== '');
  const wrong = domains.find((domain) => !DOMAIN.test(domain));
  if (wrong !== undefined) throw new Error(`MEJA_MAIL_DOMAINS: ${JSON.stringify(wrong)} is not a domain name.`);
  if (listen !== null && domains.length === 0)
    throw new Error('MEJA_MAIL_LISTEN is set but MEJA_MAIL_DOMAINS is not: name the domains of the help addresses (say desk.example), comma-separated.');
  let maxBytes = defaultMailMaxBytes(attachmentMaxBytes);
  if (set(env.MEJA_MAIL_MAX_MB)) {
    const mb = Number(env.MEJA_MAIL_MAX_MB);
    if (!Number.isInteger(mb) || mb < 1 || mb > 2048)
      throw new Error(`MEJA_MAIL_MAX_MB must be a whole number from 1 to 2048, not ${JSON.stringify(env.MEJA_MAIL_MAX_MB)}.`);
    maxBytes = mb * 1024 * 1024;
  }
  return { listen, domains, maxBytes };
};

/** Whether an address is at one of the accepted domains. */
export const isAcceptedRecipient = (address: string, domains: readonly string[]): boolean => {
  const at = address.lastIndexOf('@');
  return at > 0 && domains.includes(address.slice(at + 1).toLowerCase());
};
