import type { Migration } from 'kysely';
import type { DatabaseKind } from '../config';
import { initialMigration } from './migrations/0001_initial';
import { statisticsMigration } from './migrations/0002_statistics';
import { importsMigration } from './migrations/0003_imports';
import { statisticsSpeedMigration } from './migrations/0004_statistics_speed';
import { auditLogMigration } from './migrations/0005_audit_log';
import { importCodeKeyMigration } from './migrations/0006_import_code_key';
import { ticketTagsMigration } from './migrations/0007_ticket_tags';
import { ticketLinksMigration } from './migrations/0008_ticket_links';
import { cannedRepliesMigration } from './migrations/0009_canned_replies';
import { workingSetMigration } from './migrations/0010_working_set';
import { ticketSearchMigration } from './migrations/0011_ticket_search';
import { ticketOpensMigration } from './migrations/0012_ticket_opens';
import { feedTicketMigration } from './migrations/0013_feed_ticket';
import { articlesMigration } from './migrations/0014_articles';
import { helpFeedbackMigration } from './migrations/0015_help_feedback';
import { trackAnswersMigration } from './migrations/0016_track_answers';
import { trainingClassesMigration } from './migrations/0017_training_classes';
import { attachmentsMigration } from './migrations/0018_attachments';
import { mailOutboxMigration } from './migrations/0020_mail_outbox';
import { mailReceivedMigration } from './migrations/0021_mail_received';

/** One set of migrations for both engines, one file each; the few differences are spelled out where they occur. */
export const migrationsFor = (kind: DatabaseKind): Record<string, Migration> => ({
  '0001_initial': initialMigration(kind),
  '0002_statistics': statisticsMigration,
  '0003_imports': importsMigration,
  '0004_statistics_speed': statisticsSpeedMigration(kind),
  '0005_audit_log': auditLogMigration(kind),
  '0006_import_code_key': importCodeKeyMigration,
  '0007_ticket_tags': ticketTagsMigration,
  '0008_ticket_links': ticketLinksMigration,
  '0009_canned_replies': cannedRepliesMigration,
  '0010_working_set': workingSetMigration(kind),
  '0011_ticket_search': ticketSearchMigration(kind),
  '0012_ticket_opens': ticketOpensMigration,
  '0013_feed_ticket': feedTicketMigration(kind),
  '0014_articles': articlesMigration,
  '0015_help_feedback': helpFeedbackMigration,
  '0016_track_answers': trackAnswersMigration,
  '0017_training_classes': trainingClassesMigration,
  '0018_attachments': attachmentsMigration,
  '0020_mail_outbox': mailOutboxMigration,
  '0021_mail_received': mailReceivedMigration,
});
