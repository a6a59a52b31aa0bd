/** The sign-in card: its fields, the unencrypted-connection notice and why a sign-in failed or a session ended. */
export const signIn = {
  heading: 'Sign in to the help desk',
  username: 'Username',
  password: 'Password',
  signIn: 'Sign in',
  signingIn: 'Signing in…',
  server: 'Server: {{url}}',
  unencrypted: {
    warning:
      'The connection to this server is not encrypted (its address starts with http://): anyone on the network could read your password and tickets, or change them on the way. Ask your administrator for its https:// address.',
    allow: 'Allow an unencrypted connection to this server',
    allowed: 'You allowed an unencrypted connection to this server on this computer.',
  },
  error: {
    invalid: 'Wrong username or password.',
    network: 'The server cannot be reached. Check the network and try again.',
    unexpected: 'The server sent an unexpected answer.',
    refused: 'The server answered {{status}}.',
    sessionEnded: 'Your session has ended. Please sign in again.',
    unencrypted:
      'Not signed in: the connection to this server is not encrypted (http). Use its https address, or tick "Allow an unencrypted connection to this server" if you accept that others on the network could read and change what you send.',
    cacheTooNew:
      "This computer's copy of your tickets was written by a newer version of Meja, which this version cannot read safely. Nothing was changed: update Meja (in a browser, reload the page) and sign in again.",
    cacheUnreadable:
      "This computer's copy of your tickets could not be opened, so the console cannot start. Nothing in it was changed: sign in again, and if this keeps happening, restart Meja or free some disk space.",
  },
};
