/** Words used across the console. Each feature keeps its own namespace beside this one. */
export const common = {
  appName: 'Meja',
  helpDesk: 'Help desk',
  signOut: 'Sign out',
  language: 'Language',
  theme: 'Theme',
  themeLight: 'Light',
  themeDark: 'Dark',
  themeSystem: 'System',
  cancel: 'Cancel',
  save: 'Save',
  closeDialog: 'Close dialog',
  retry: 'Retry',
  discard: 'Discard',
  copy: 'Copy',
  copyFailed: 'Copy failed',
  copied: 'Copied',
};
