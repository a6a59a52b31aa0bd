import type { ArticleVisibility } from '../../shared/knowledge/article';

export type DemoArticle = {
  title: string;
  body: string;
  category: string;
  tags: string[];
  visibility: ArticleVisibility;
  /** Left a draft: the Knowledge view shows drafts beside published articles. */
  draft?: boolean;
  /** A later edit, so the article has a history to read and restore. */
  edit?: { body: string };
};

/** Knowledge-base articles of the demo desk, in English and Bahasa Indonesia, public and internal. */
export const DEMO_ARTICLES: readonly DemoArticle[] = [
  {
    title: 'Reset your password',
    body: '## When to use this\n\nYou forgot your password, or it expired.\n\n1. Go to the sign-in page and choose **Forgot password**.\n2. Enter your work e-mail address.\n3. Follow the link in the message you receive.\n\nStill stuck? Call the desk and give your ticket code.',
    category: 'access',
    tags: ['password', 'account'],
    visibility: 'public',
    edit: {
      body: '## When to use this\n\nYou forgot your password, or it expired.\n\n1. Go to the sign-in page and choose **Forgot password**.\n2. Enter your work e-mail address.\n3. Follow the link in the message you receive (it works for *one hour*).\n\nStill stuck? Call the desk and give your ticket code.',
    },
  },
  {
    title: 'Printer shows "paper jam" but no paper is stuck',
    body: '1. Switch the printer **off**.\n2. Open tray 2 and the back door; remove any scrap.\n3. Switch it on again and print a test page.\n\nIf the message stays, report the printer name (on its front label).',
    category: 'printing',
    tags: ['printer'],
    visibility: 'public',
  },
  {
    title: 'Menyambung ke VPN kantor',
    body: '1. Buka aplikasi **VPN** di laptop kantor.\n2. Masukkan nama pengguna dan kata sandi kantor.\n3. Jika diminta kode, buka aplikasi autentikator di ponsel.\n\nLihat juga [panduan vendor](https://example.com/vpn).',
    category: 'network',
    tags: ['vpn'],
    visibility: 'public',
  },
  {
    title: 'Mailbox full: archive old mail',
    body: 'Internal steps for technicians.\n\n- Check the quota in the admin console.\n- Enable the online archive for the user.\n- Tell the caller that mail older than a year moves to **Archive**.',
    category: 'email',
    tags: ['mailbox', 'quota'],
    visibility: 'internal',
  },
  {
    title: 'Docking station not detected',
    body: 'Draft: collect the dock models that fail after the last firmware update.',
    category: 'hardware',
    tags: ['dock'],
    visibility: 'internal',
    draft: true,
  },
];
