import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_AUTO_CLOSE_DAYS } from '../shared/domain/callerWord';
import { DEFAULT_SLA_POLICY, type SlaPolicy } from '../shared/domain/sla';
import { parseSlaPolicy } from '../shared/domain/slaPolicy';
import { DEFAULT_WORKING_SET_PARAMS, type WorkingSetParams } from '../shared/sync/workingSet';
import { attachmentSettingsOf, type AttachmentSettings } from './attachments/attachmentSettings';
import { DEFAULT_LOGIN_ACCOUNT_RATE, DEFAULT_LOGIN_ADDRESS_RATE } from './auth/loginLimits';
import { DEFAULT_HELP_RATE } from './routes/help';
import { inboundMailSettingsOf, type InboundMailSettings } from './mail/inboundSettings';
import { readTlsFiles, type TlsMaterial } from './tlsFiles';
import { parseTrustProxy } from './trustProxy';
import { mailSettingsOf, publicUrlOf, type MailSettings } from './mail/mailSettings';

export type DatabaseKind = 'sqlite' | 'postgres';

export type ServerConfig = {
  databaseUrl: string;
  port: number;
  host: string;
  /** Password for the `admin` account when it is first created; random (and printed once) if absent. */
  adminPassword: string | undefined;
  sessionHours: number;
  /** Response and resolution targets per priority (MEJA_SLA_POLICY, JSON, over the defaults). */
  slaPolicy: SlaPolicy;
  /** Caller tracking lookups allowed per client address and minute (MEJA_TRACK_RATE). */
  trackRate: number;
  /** Self-help requests allowed per client address and minute (MEJA_HELP_RATE). */
  helpRate: number;
  /** Failed sign-ins allowed per account and minute (MEJA_LOGIN_ACCOUNT_RATE). */
  loginAccountRate: number;
  /** Failed sign-ins allowed per client address and minute (MEJA_LOGIN_ADDRESS_RATE). */
  loginAddressRate: number;
  demo: boolean;
  /** Built web console to serve at `/`. */
  staticDir: string;
  /** Certificate and key (MEJA_TLS_CERT, MEJA_TLS_KEY): the server speaks https itself; null: plain http. */
  tls: TlsMaterial | null;
  /** Reverse proxies whose X-Forwarded-For and X-Forwarded-Proto count (MEJA_TRUST_PROXY); null: none. */
  trustProxy: string[] | null;
  /** The working set's parameters (MEJA_SYNC_RECENT_DAYS, MEJA_SYNC_MINE_DAYS), published to consoles at GET /api/sync/scope. */
  syncScope: WorkingSetParams;
  /** Attachment files (MEJA_FILES_DIR, MEJA_ATTACHMENT_MAX_MB, MEJA_CLAMD_SOCKET or MEJA_CLAMD_HOST and MEJA_CLAMD_PORT). */
  attachments: AttachmentSettings;
  /** Mail from callers: Meja's SMTP listener (MEJA_MAIL_LISTEN, MEJA_MAIL_DOMAINS, MEJA_MAIL_MAX_MB); off by default. */
  mailIn: InboundMailSettings;
  /** Days after which a resolved ticket closes by itself unless its caller said No (MEJA_AUTO_CLOSE_DAYS). */
  autoCloseDays: number;
  /** A caller's Yes on /track closes the ticket at once (MEJA_CLOSE_ON_CONFIRM). */
  closeOnConfirm: boolean;
  /** Mail to callers (MEJA_SMTP_URL, MEJA_MAIL_FROM, MEJA_MAIL_LANGUAGE); null: none is queued or sent. */
  mail: MailSettings | null;
  /** Where callers reach the server, for links in their mail (MEJA_PUBLIC_URL); null: the address the server prints. */
  publicUrl: string | null;
};

/** A hundred years: a longer window is a mistyped number. */
const MAX_SYNC_DAYS = 36_500;

const root = join(import.meta.dirname, '..');

/** The built web console of this checkout (`npm run build`). */
export const DEFAULT_STATIC_DIR = join(root, 'dist', 'renderer');

export const APP_VERSION: string = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;

const positiveInt = (name: string, value: string | undefined, fallback: number, max = Number.MAX_SAFE_INTEGER, min = 0): number => {
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < min || parsed > max)
    throw new Error(`${name} must be a whole number from ${min} to ${max}, not ${JSON.stringify(value)}.`);
  return parsed;
};

const onOff = (name: string, value: string | undefined, fallback: boolean): boolean => {
  if (value === undefined || value === '') return fallback;
  if (['1', 'true', 'on', 'yes'].includes(value.toLowerCase())) return true;
  if (['0', 'false', 'off', 'no'].includes(value.toLowerCase())) return false;
  throw new Error(`${name} must be on or off (1 or 0, true or false), not ${JSON.stringify(value)}.`);
};

export const databaseKindOf = (url: string): DatabaseKind => {
  if (url.startsWith('sqlite:')) return 'sqlite';
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) return 'postgres';
  throw new Error(`MEJA_DATABASE_URL must start with sqlite: or postgres://, not ${JSON.stringify(url.split(':')[0])}.`);
};

/** The database URL for a log line: a PostgreSQL password is masked. */
export const describeDatabaseUrl = (url: string): string => {
  if (databaseKindOf(url) === 'sqlite') return url;
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://(unparsable URL)';
  }
};

export const DEFAULT_DATABASE_URL = 'sqlite:./data/meja.sqlite';

/** The database MEJA_DATABASE_URL names (the server's default when unset), checked for its scheme. */
export const databaseUrlOf = (env: NodeJS.ProcessEnv): string => {
  const url = env.MEJA_DATABASE_URL ?? DEFAULT_DATABASE_URL;
  databaseKindOf(url);
  return url;
};

/** Reads the server's settings from the environment and command line; a bad value stops start-up with its reason. */
export const loadConfig = (env: NodeJS.ProcessEnv, argv: string[]): ServerConfig => {
  const databaseUrl = databaseUrlOf(env);
  const sla = env.MEJA_SLA_POLICY === undefined || env.MEJA_SLA_POLICY === '' ? null : parseSlaPolicy(env.MEJA_SLA_POLICY);
  if (sla !== null && !sla.ok) throw new Error(`MEJA_SLA_POLICY: ${sla.error.message}`);
  const attachments = attachmentSettingsOf(env, databaseUrl);
  return {
    databaseUrl,
    port: positiveInt('MEJA_PORT', env.MEJA_PORT, 4780, 65_535),
    host: env.MEJA_HOST ?? '127.0.0.1',
    adminPassword: env.MEJA_ADMIN_PASSWORD === '' ? undefined : env.MEJA_ADMIN_PASSWORD,
    sessionHours: positiveInt('MEJA_SESSION_HOURS', env.MEJA_SESSION_HOURS, 168, 24 * 366, 1),
    slaPolicy: sla?.value ?? DEFAULT_SLA_POLICY,
    trackRate: positiveInt('MEJA_TRACK_RATE', env.MEJA_TRACK_RATE, 20, 100_000, 1),
    helpRate: positiveInt('MEJA_HELP_RATE', env.MEJA_HELP_RATE, DEFAULT_HELP_RATE, 100_000, 1),
    loginAccountRate: positiveInt('MEJA_LOGIN_ACCOUNT_RATE', env.MEJA_LOGIN_ACCOUNT_RATE, DEFAULT_LOGIN_ACCOUNT_RATE, 100_000, 1),
    loginAddressRate: positiveInt('MEJA_LOGIN_ADDRESS_RATE', env.MEJA_LOGIN_ADDRESS_RATE, DEFAULT_LOGIN_ADDRESS_RATE, 100_000, 1),
    demo: argv.includes('--demo'),
    // A build elsewhere than dist/renderer (a second checkout's, or one built while another is tested).
    staticDir: env.MEJA_STATIC_DIR === undefined || env.MEJA_STATIC_DIR === '' ? DEFAULT_STATIC_DIR : env.MEJA_STATIC_DIR,
    tls: readTlsFiles(env.MEJA_TLS_CERT, env.MEJA_TLS_KEY),
    trustProxy: parseTrustProxy(env.MEJA_TRUST_PROXY),
    syncScope: {
      ...DEFAULT_WORKING_SET_PARAMS,
      recentDays: positiveInt('MEJA_SYNC_RECENT_DAYS', env.MEJA_SYNC_RECENT_DAYS, DEFAULT_WORKING_SET_PARAMS.recentDays, MAX_SYNC_DAYS, 1),
      mineDays: positiveInt('MEJA_SYNC_MINE_DAYS', env.MEJA_SYNC_MINE_DAYS, DEFAULT_WORKING_SET_PARAMS.mineDays, MAX_SYNC_DAYS, 1),
    },
    attachments,
    mailIn: inboundMailSettingsOf(env, attachments.maxBytes),
    autoCloseDays: positiveInt('MEJA_AUTO_CLOSE_DAYS', env.MEJA_AUTO_CLOSE_DAYS, DEFAULT_AUTO_CLOSE_DAYS, MAX_SYNC_DAYS, 1),
    closeOnConfirm: onOff('MEJA_CLOSE_ON_CONFIRM', env.MEJA_CLOSE_ON_CONFIRM, false),
    mail: mailSettingsOf(env),
    publicUrl: publicUrlOf(env),
  };
};
