import { describe, expect, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import type { CannedReply, Note, PublicUser, RemoteSession, TicketEvent } from '../domain/records';
import type { Ticket } from '../domain/ticket';
import type { Article, ArticleVersion } from '../knowledge/article';
import type { TrainingClass } from '../training/trainingClass';
import type { HelpArticle, HelpArticleList, HelpFeedback } from '../knowledge/help';
import type { helpArticleListSchema, helpArticleSchema, helpFeedbackSchema } from './help';
import type { AttachmentReceipt } from '../attachments/attachmentType';
import type { attachmentReceiptSchema } from './attachments';
import type { PublicTicketView } from '../domain/track';
import type { TicketPage, TicketWithTimeline } from '../tickets/api';
import type {
  StatsBacklogResponse,
  StatsCategoriesResponse,
  StatsProblemsResponse,
  StatsSummaryResponse,
  StatsTechniciansResponse,
  StatsTrainingResponse,
} from '../stats/api';
import type { ApiError, Change, PullResponse, PushResponse, TicketRecordsResponse } from '../sync/protocol';
import type { UserResponse, UsersListResponse } from '../users/api';
import {
  type articleSchema,
  type articleVersionSchema,
  type trainingClassSchema,
  type cannedReplySchema,
  type changeSchema,
  type noteSchema,
  publicUserSchema,
  type remoteSessionSchema,
  type ticketEventSchema,
  type ticketSchema,
} from './records';
import type {
  statsBacklogResponseSchema,
  statsCategoriesResponseSchema,
  statsProblemsResponseSchema,
  statsTrainingResponseSchema,
  statsSummaryResponseSchema,
  statsTechniciansResponseSchema,
} from './stats';
import type { WorkingSetParams } from '../sync/workingSet';
import { apiErrorSchema, type pullResponseSchema, type pushResponseSchema, type syncScopeResponseSchema, type ticketRecordsResponseSchema } from './sync';
import type { ticketPageSchema, ticketWithTimelineSchema } from './tickets';
import type { publicTicketViewSchema } from './track';
import type { userResponseSchema, usersListResponseSchema } from './users';

/** Intersections written out as one object type, recursively, so two spellings of one type compare equal. */
type Flat<T> = T extends object ? { [K in keyof T]: Flat<T[K]> } : T;

// The types in shared/ stay the source; these fail to compile when a schema of the published
// contract and its type differ in any field, so the document cannot drift from the code.
describe('answer schemas match their types', () => {
  it('records', () => {
    expectTypeOf<Flat<z.output<typeof publicUserSchema>>>().toEqualTypeOf<Flat<PublicUser>>();
    expectTypeOf<Flat<z.output<typeof ticketSchema>>>().toEqualTypeOf<Flat<Ticket>>();
    expectTypeOf<Flat<z.output<typeof ticketEventSchema>>>().toEqualTypeOf<Flat<TicketEvent>>();
    expectTypeOf<Flat<z.output<typeof noteSchema>>>().toEqualTypeOf<Flat<Note>>();
    expectTypeOf<Flat<z.output<typeof remoteSessionSchema>>>().toEqualTypeOf<Flat<RemoteSession>>();
    expectTypeOf<Flat<z.output<typeof cannedReplySchema>>>().toEqualTypeOf<Flat<CannedReply>>();
    expectTypeOf<Flat<z.output<typeof articleSchema>>>().toEqualTypeOf<Flat<Article>>();
    expectTypeOf<Flat<z.output<typeof articleVersionSchema>>>().toEqualTypeOf<Flat<ArticleVersion>>();
    expectTypeOf<Flat<z.output<typeof trainingClassSchema>>>().toEqualTypeOf<Flat<TrainingClass>>();
    expectTypeOf<Flat<z.output<typeof changeSchema>>>().toEqualTypeOf<Flat<Change>>();
  });

  it('sync, users and tracking answers', () => {
    expectTypeOf<Flat<z.output<typeof pullResponseSchema>>>().toEqualTypeOf<Flat<PullResponse>>();
    expectTypeOf<Flat<z.output<typeof ticketRecordsResponseSchema>>>().toEqualTypeOf<Flat<TicketRecordsResponse>>();
    expectTypeOf<Flat<z.output<typeof pushResponseSchema>>>().toEqualTypeOf<Flat<PushResponse>>();
    expectTypeOf<Flat<z.output<typeof syncScopeResponseSchema>>>().toEqualTypeOf<Flat<WorkingSetParams>>();
    expectTypeOf<Flat<z.output<typeof apiErrorSchema>>>().toEqualTypeOf<Flat<ApiError>>();
    expectTypeOf<Flat<z.output<typeof userResponseSchema>>>().toEqualTypeOf<Flat<UserResponse>>();
    expectTypeOf<Flat<z.output<typeof usersListResponseSchema>>>().toEqualTypeOf<Flat<UsersListResponse>>();
    expectTypeOf<Flat<z.output<typeof publicTicketViewSchema>>>().toEqualTypeOf<Flat<PublicTicketView>>();
  });

  it('ticket lookups', () => {
    expectTypeOf<Flat<z.output<typeof ticketPageSchema>>>().toEqualTypeOf<Flat<TicketPage>>();
    expectTypeOf<Flat<z.output<typeof ticketWithTimelineSchema>>>().toEqualTypeOf<Flat<TicketWithTimeline>>();
  });

  it('self-help answers', () => {
    expectTypeOf<Flat<z.output<typeof helpArticleListSchema>>>().toEqualTypeOf<Flat<HelpArticleList>>();
    expectTypeOf<Flat<z.output<typeof helpArticleSchema>>>().toEqualTypeOf<Flat<HelpArticle>>();
    expectTypeOf<Flat<z.output<typeof helpFeedbackSchema>>>().toEqualTypeOf<Flat<HelpFeedback>>();
  });

  it('attachment receipts', () => {
    expectTypeOf<Flat<z.output<typeof attachmentReceiptSchema>>>().toEqualTypeOf<Flat<AttachmentReceipt>>();
  });

  it('statistics answers', () => {
    expectTypeOf<Flat<z.output<typeof statsSummaryResponseSchema>>>().toEqualTypeOf<Flat<StatsSummaryResponse>>();
    expectTypeOf<Flat<z.output<typeof statsTechniciansResponseSchema>>>().toEqualTypeOf<Flat<StatsTechniciansResponse>>();
    expectTypeOf<Flat<z.output<typeof statsCategoriesResponseSchema>>>().toEqualTypeOf<Flat<StatsCategoriesResponse>>();
    expectTypeOf<Flat<z.output<typeof statsBacklogResponseSchema>>>().toEqualTypeOf<Flat<StatsBacklogResponse>>();
    expectTypeOf<Flat<z.output<typeof statsProblemsResponseSchema>>>().toEqualTypeOf<Flat<StatsProblemsResponse>>();
    expectTypeOf<Flat<z.output<typeof statsTrainingResponseSchema>>>().toEqualTypeOf<Flat<StatsTrainingResponse>>();
  });

  it('refuses what its type refuses', () => {
    const user = { id: 'u1', username: 'tina', displayName: 'Tina', role: 'technician', tier: 1, active: true };
    expect(publicUserSchema.safeParse(user).success).toBe(true);
    expect(publicUserSchema.safeParse({ ...user, tier: 4 }).success).toBe(false);
    expect(apiErrorSchema.safeParse({ statusCode: 404, code: 'not_found', error: 'Not Found', message: '' }).success).toBe(false);
  });
});
