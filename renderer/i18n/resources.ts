import { common as enCommon } from './locales/en/common';
import { common as idCommon } from './locales/id/common';
import { queue as enQueue } from './locales/en/queue';
import { queue as idQueue } from './locales/id/queue';
import { track as enTrack } from './locales/en/track';
import { track as idTrack } from './locales/id/track';
import { ticket as enTicket } from './locales/en/ticket';
import { ticket as idTicket } from './locales/id/ticket';
import { remoteSession as enRemoteSession } from './locales/en/remoteSession';
import { remoteSession as idRemoteSession } from './locales/id/remoteSession';
import { signIn as enSignIn } from './locales/en/signIn';
import { signIn as idSignIn } from './locales/id/signIn';
import { shell as enShell } from './locales/en/shell';
import { shell as idShell } from './locales/id/shell';
import { call as enCall } from './locales/en/call';
import { call as idCall } from './locales/id/call';
import { stats as enStats } from './locales/en/stats';
import { stats as idStats } from './locales/id/stats';
import { accounts as enAccounts } from './locales/en/accounts';
import { accounts as idAccounts } from './locales/id/accounts';
import { knowledge as enKnowledge } from './locales/en/knowledge';
import { replies as enReplies } from './locales/en/replies';
import { knowledge as idKnowledge } from './locales/id/knowledge';
import { replies as idReplies } from './locales/id/replies';
import { classes as enClasses } from './locales/en/classes';
import { classes as idClasses } from './locales/id/classes';
import { trackAnswer as enTrackAnswer } from './locales/en/trackAnswer';
import { trackAnswer as idTrackAnswer } from './locales/id/trackAnswer';
import { help as enHelp } from './locales/en/help';
import { help as idHelp } from './locales/id/help';

/**
 * Every text of the console, per language and namespace. English is the reference: the other
 * languages are typed against it, so a missing or extra key fails the typecheck.
 */
export const resources = {
  en: {
    queue: enQueue,
    common: enCommon,
    track: enTrack,
    ticket: enTicket,
    remoteSession: enRemoteSession,
    signIn: enSignIn,
    shell: enShell,
    call: enCall,
    stats: enStats,
    accounts: enAccounts,
    replies: enReplies,
    knowledge: enKnowledge,
    classes: enClasses,
    trackAnswer: enTrackAnswer,
    help: enHelp,
  },
  id: {
    queue: idQueue,
    common: idCommon,
    track: idTrack,
    ticket: idTicket,
    remoteSession: idRemoteSession,
    signIn: idSignIn,
    shell: idShell,
    call: idCall,
    stats: idStats,
    accounts: idAccounts,
    replies: idReplies,
    knowledge: idKnowledge,
    classes: idClasses,
    trackAnswer: idTrackAnswer,
    help: idHelp,
  },
} as const;

export const LANGUAGES = ['en', 'id'] as const;
export type Language = (typeof LANGUAGES)[number];
