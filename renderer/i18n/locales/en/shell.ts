/** Texts of the console's shell: sync status, refused changes, sign-in, language and theme menus. */
export const shell = {
  sync: {
    state: {
      syncing: 'Syncing',
      offline: 'Offline',
      error: 'Sync error',
      signedOut: 'Signed out',
      stopped: 'Stopped',
      online: 'Online',
      onlineNoLive: 'Online (no live updates)',
    },
    notSynced: 'Not synced yet',
    lastSynced: 'Last synced {{time}}',
    progressLabel: 'Sync progress',
    firstSync: 'First sync',
    catchUp: 'Catching up',
    ofTotal_one: '{{received}} of {{total}} record',
    ofTotal_other: '{{received}} of {{total}} records',
    received_one: '{{received}} record received',
    received_other: '{{received}} records received',
    allSent: 'All changes sent',
    waiting_one: '{{n}} change waiting',
    waiting_other: '{{n}} changes waiting',
    rejected_one: '{{n}} change rejected',
    rejected_other: '{{n}} changes rejected',
  },
  rejected: {
    title: 'Rejected changes',
    intro: 'The server refused these changes. Nothing was lost: send a change again once it applies, or discard it.',
    empty: 'No rejected changes.',
    openTicket: 'Open ticket {{code}}',
    ticketNotCached: 'Ticket not in this console',
    madeAt: 'Made {{time}}',
    retry: 'Retry',
    discard: 'Discard',
    stillRefused: 'Still refused: {{message}}',
  },
  login: {
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
      sessionEnded: 'Your session has ended. Please sign in again.',
      unencrypted:
        'Not signed in: the connection to this server is not encrypted (http). Use its https address, or tick "Allow an unencrypted connection to this server" if you accept that others on the network could read and change what you send.',
      cacheTooNew:
        "This computer's copy of your tickets was written by a newer version of Meja, which this version cannot read safely. Nothing was changed: update Meja (in a browser, reload the page) and sign in again.",
      cacheUnreadable:
        "This computer's copy of your tickets could not be opened, so the console cannot start. Nothing in it was changed: sign in again, and if this keeps happening, restart Meja or free some disk space.",
    },
  },
  userMenu: {
    label: 'Your settings and sign-out',
    language: 'Language',
    theme: 'Theme',
  },
  split: {
    label: 'Resize the ticket panel',
    value: 'Ticket panel {{width}} pixels wide',
  },
  theme: {
    system: 'System theme',
  },
  desktop: {
    plainTextSecret:
      'This computer has no keyring: your sign-in is stored without encryption, and anyone who can read your files could use it. Install or unlock a keyring (GNOME Keyring or KWallet) and sign in again.',
    noSecretStorage: 'This computer cannot store your sign-in safely: you will be asked to sign in again each time the app starts.',
    ticketNotCached: 'Ticket {{code}} is not in this console’s cache yet. Wait for the sync to bring it, then open the link again.',
    badTicketLink: 'The link does not name a ticket: “{{code}}”.',
    signInFirst: 'Sign in to open the ticket: it opens once you are signed in.',
    dismiss: 'Dismiss',
  },
};
