import type { TFunction } from 'i18next';

/**
 * The sign-in refusals in English, as the session slice stores them (and logs read them). The
 * login screen words them in the chosen language by matching these texts; anything else (a
 * server's own message) is shown as it came, never hidden.
 */
export const AUTH_MESSAGES = {
  invalid: 'Wrong username or password.',
  network: 'The server cannot be reached. Check the network and try again.',
  unexpected: 'The server sent an unexpected answer.',
  sessionEnded: 'Your session has ended. Please sign in again.',
  unencrypted:
    'Not signed in: the connection to this server is not encrypted (http). Use its https address, or tick "Allow an unencrypted connection to this server" if you accept that others on the network could read and change what you send.',
  cacheTooNew:
    "This computer's copy of your tickets was written by a newer version of Meja, which this version cannot read safely. Nothing was changed: update Meja (in a browser, reload the page) and sign in again.",
  cacheUnreadable:
    "This computer's copy of your tickets could not be opened, so the console cannot start. Nothing in it was changed: sign in again, and if this keeps happening, restart Meja or free some disk space.",
} as const;

type AuthMessageKey = keyof typeof AUTH_MESSAGES;

const KEYS = Object.keys(AUTH_MESSAGES) as AuthMessageKey[];

/** A sign-in error in the chosen language when it is one of ours, else as given. */
export const loginErrorText = (message: string, t: TFunction<'signIn'>): string => {
  const key = KEYS.find((candidate) => AUTH_MESSAGES[candidate] === message);
  return key === undefined ? message : t(`error.${key}`);
};
