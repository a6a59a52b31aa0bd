import { mailSubject } from './mailHeaders';

/** What a caller is mailed about: their new ticket's code, a public note, the resolution. */
export const MAIL_KINDS = ['code', 'note', 'resolution'] as const;
export type MailKind = (typeof MAIL_KINDS)[number];

/** The languages mail is written in; the desk's default (MEJA_MAIL_LANGUAGE) unless the caller's is known. */
export const MAIL_LANGUAGES = ['en', 'id'] as const;
export type MailLanguage = (typeof MAIL_LANGUAGES)[number];

export const isMailLanguage = (value: string): value is MailLanguage => MAIL_LANGUAGES.some((known) => known === value);

/**
 * What one mail says. `body`: the note's text, or the resolution's; empty for the code.
 * `publicUrl`: where callers reach the server (MEJA_PUBLIC_URL), without a trailing slash.
 */
export type MailFacts = { kind: MailKind; code: string; title: string; body: string; publicUrl: string };

export type MailContent = { subject: string; text: string; html: string };

type Words = {
  greeting: string;
  code: (code: string) => string;
  codeKeep: string;
  note: string;
  resolution: string;
  solvedQuestion: string;
  yes: string;
  no: string;
  track: string;
  footer: string;
};

const WORDS: Readonly<Record<MailLanguage, Words>> = {
  en: {
    greeting: 'Hello,',
    code: (code) => `We have received your request. Your ticket code is ${code}.`,
    codeKeep: 'Keep this code: with it you can follow your ticket at any time, and quote it when you call us.',
    note: 'There is news about your request:',
    resolution: 'Your request has been resolved:',
    solvedQuestion: 'Is your problem solved?',
    yes: 'Yes, it is solved',
    no: 'No, it is not solved',
    track: 'Follow your ticket:',
    footer: 'This message was sent automatically by the help desk. To add something, reply to it keeping the code in the subject.',
  },
  id: {
    greeting: 'Halo,',
    code: (code) => `Permintaan Anda sudah kami terima. Kode tiket Anda adalah ${code}.`,
    codeKeep: 'Simpan kode ini: dengan kode ini Anda dapat memantau tiket Anda kapan saja, dan menyebutkannya saat menelepon kami.',
    note: 'Ada kabar tentang permintaan Anda:',
    resolution: 'Permintaan Anda telah diselesaikan:',
    solvedQuestion: 'Apakah masalah Anda sudah teratasi?',
    yes: 'Ya, sudah teratasi',
    no: 'Tidak, belum teratasi',
    track: 'Pantau tiket Anda:',
    footer: 'Pesan ini dikirim otomatis oleh help desk. Untuk menambahkan sesuatu, balas pesan ini dengan tetap mencantumkan kode di subjek.',
  },
};

/** Text made safe to place in HTML, as element content or inside a quoted attribute. */
export const escapeHtml = (value: string): string =>
  value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** The caller's page for this ticket; `answer` preselects Yes or No of "Is your problem solved?" (the caller still sends it). */
export const trackLink = (publicUrl: string, code: string, answer?: 'yes' | 'no'): string =>
  `${publicUrl.replace(/\/+$/, '')}/track?code=${encodeURIComponent(code)}${answer === undefined ? '' : `&answer=${answer}`}`;

type Block = { kind: 'para'; text: string } | { kind: 'quote'; text: string } | { kind: 'link'; label: string; href: string };

const blocksOf = (facts: MailFacts, words: Words): Block[] => {
  const track: Block = { kind: 'link', label: words.track, href: trackLink(facts.publicUrl, facts.code) };
  switch (facts.kind) {
    case 'code':
      return [{ kind: 'para', text: words.code(facts.code) }, { kind: 'para', text: words.codeKeep }, track];
    case 'note':
      return [{ kind: 'para', text: words.note }, { kind: 'quote', text: facts.body }, track];
    case 'resolution':
      return [
        { kind: 'para', text: words.resolution },
        { kind: 'quote', text: facts.body },
        { kind: 'para', text: words.solvedQuestion },
        { kind: 'link', label: words.yes, href: trackLink(facts.publicUrl, facts.code, 'yes') },
        { kind: 'link', label: words.no, href: trackLink(facts.publicUrl, facts.code, 'no') },
        track,
      ];
  }
};

const textOf = (block: Block): string => {
  switch (block.kind) {
    case 'para':
      return block.text;
    case 'quote':
      return block.text
        .split(/\r?\n/)
        .map((line) => `> ${line}`)
        .join('\n');
    case 'link':
      return `${block.label}\n${block.href}`;
  }
};

const htmlOf = (block: Block): string => {
  switch (block.kind) {
    case 'para':
      return `<p>${escapeHtml(block.text)}</p>`;
    case 'quote':
      return `<blockquote style="white-space:pre-wrap;border-left:3px solid #ccc;margin:0 0 1em;padding-left:1em">${escapeHtml(block.text)}</blockquote>`;
    case 'link':
      return `<p><a href="${escapeHtml(block.href)}">${escapeHtml(block.label)}</a></p>`;
  }
};

/**
 * One mail in plain text and HTML. Everything that comes from a ticket (title, note, resolution)
 * is escaped in the HTML, so a title with `<script>` is shown as those characters, never run; the
 * subject is one header line (mailSubject).
 */
export const renderMail = (facts: MailFacts, language: MailLanguage): MailContent => {
  const words = WORDS[language];
  const blocks: Block[] = [{ kind: 'para', text: words.greeting }, ...blocksOf(facts, words)];
  const footer = words.footer;
  const subject = mailSubject(facts.code, facts.title);
  return {
    subject,
    text: `${blocks.map(textOf).join('\n\n')}\n\n-- \n${footer}\n`,
    html: `<!doctype html><html lang="${language}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body>${blocks.map(htmlOf).join('')}<hr><p style="color:#666;font-size:smaller">${escapeHtml(footer)}</p></body></html>`,
  };
};
