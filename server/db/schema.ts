import type { Generated } from 'kysely';

/** Kysely's view of the tables. Times are epoch milliseconds; JSON columns hold text. */
export type Schema = {
  users: {
    id: string;
    username: string;
    display_name: string;
    role: string;
    tier: number | null;
    active: number;
    password_hash: string;
    created_at: number;
    updated_at: number;
  };
  auth_tokens: {
    token_hash: string;
    user_id: string;
    created_at: number;
    expires_at: number;
    revoked_at: number | null;
  };
  tickets: {
    id: string;
    number: number | null;
    code: string;
    title: string;
    description: string;
    requester_name: string;
    requester_contact: string | null;
    category: string;
    priority: string;
    channel: string;
    status: string;
    tier: number;
    assignee_id: string | null;
    resolution: string | null;
    created_by: string;
    created_at: number;
    updated_at: number;
    first_responded_at: number | null;
    resolved_at: number | null;
    closed_at: number | null;
    reopen_count: number;
    call_ms: number;
    first_response_due_at: number;
    resolution_due_at: number;
    pending_since: number | null;
    paused_ms: number;
  };
  /** One row per tag of a ticket (normalised, shared/domain/tags.ts): the tickets' `tags` in a form SQL can filter on. */
  ticket_tags: { ticket_id: string; tag: string };
  /**
   * One row per link a ticket holds (shared/domain/links.ts): the tickets' `links` in a form SQL
   * can join on; `kind` is what `other_id` is to `ticket_id` (an incident's row says `problem`).
   */
  ticket_links: { ticket_id: string; other_id: string; kind: string };
  /** A user's latest on-demand opening of a ticket (server/sync/ticketOpens.ts), trimmed as `keptOpened` keeps the list. */
  ticket_opens: { user_id: string; ticket_id: string; opened_at: number };
  /** One row per caller's answer on /track (a `caller_answered` event): one per resolution of a ticket. */
  track_answers: {
    ticket_id: string;
    resolved_at: number;
    event_id: string;
    solved: number;
    rating: number | null;
    technician_id: string | null;
    answered_at: number;
  };
  ticket_events: { id: string; ticket_id: string; type: string; actor_id: string; at: number; data: string };
  notes: { id: string; ticket_id: string; author_id: string; body: string; visibility: string; created_at: number };
  remote_sessions: {
    id: string;
    ticket_id: string;
    technician_id: string;
    tool: string;
    target: string;
    consent: number;
    started_at: number;
    ended_at: number | null;
    steps: string;
    outcome: string | null;
    updated_at: number;
  };
  /** Canned replies as supervisors wrote them (`CannedReply`); deleting one deletes its row. */
  canned_replies: { id: string; title: string; body: string; created_by: string; created_at: number; updated_by: string; updated_at: number };
  /**
   * Knowledge-base articles as their rules wrote them (`Article`, shared/knowledge/article.ts):
   * what the public self-help routes search and read. `tags` is JSON.
   */
  articles: {
    id: string;
    title: string;
    body: string;
    category: string;
    tags: string;
    visibility: string;
    status: string;
    version: number;
    author_id: string;
    created_at: number;
    updated_by: string;
    updated_at: number;
    published_at: number | null;
    /** Title, category, tags and body lower-cased by `articleSearchText`, which the self-help search matches words in. */
    search_text: string;
  };
  /** Every version of every article (`ArticleVersion`), never changed once written; `data` is the version's JSON. */
  article_versions: { id: string; article_id: string; version: number; actor_id: string; at: number; data: string };
  /**
   * Training classes as their rules wrote them (`TrainingClass`, shared/training/trainingClass.ts);
   * `trainer_ids` and `materials` (article ids) are JSON arrays, times are epoch milliseconds.
   */
  training_classes: {
    id: string;
    title: string;
    topic: string;
    trainer_ids: string;
    starts_at: number;
    duration_minutes: number;
    place: string;
    materials: string;
    version: number;
    created_by: string;
    created_at: number;
    updated_by: string;
    updated_at: number;
  };
  /**
   * A class's invited requesters, one row each: `requester_key` is `attendeeKey` (= `requesterKey`,
   * as ticket_facts.requester_key), `name` and `contact` as invited, `attendance` one of
   * attended, absent, unmarked. Rewritten whole with every write of the class.
   */
  training_class_attendees: { class_id: string; requester_key: string; name: string; contact: string | null; attendance: string };
  /**
   * Files received at POST /api/attachments (the bytes are in the file store, named by `sha256`).
   * `ticket_id` and `note_id` are null until a ticket carries the file; until then only its uploader may read it.
   */
  attachments: {
    id: string;
    sha256: string;
    size: number;
    content_type: string;
    name: string;
    uploaded_by: string;
    uploaded_at: number;
    ticket_id: string | null;
    note_id: string | null;
  };
  /**
   * Mail owed to callers (server/mail/mailOutbox.ts). `status`: queued (until sent; `next_attempt_at`
   * is when it is due, or the end of a sender's lease under `claim`), sent, failed (refused or given up).
   */
  mail_outbox: {
    id: string;
    ticket_id: string;
    ticket_code: string;
    kind: string;
    recipient: string;
    language: string;
    subject: string;
    text_body: string;
    html_body: string;
    message_id: string;
    attempts: number;
    next_attempt_at: number;
    status: string;
    claim: string | null;
    last_error: string | null;
    created_at: number;
    sent_at: number | null;
  };
  /**
   * Mail the inbound listener took, by Message-ID (or `sha256:<hash of the mail>` for one without):
   * `outcome` ticket, note or ignored; `ticket_id` what it made or reached (null when ignored).
   */
  mail_received: { message_id: string; outcome: string; ticket_id: string | null; received_at: number };
  /** Answers to "Did this solve your problem?" on /help (`solved` 0/1), kept without any trace of who answered. */
  help_feedback: { id: string; article_id: string; solved: number; at: number };
  /** The change feed: the newest JSON of every record and its position (tx, seq). */
  /** `ticket_id`: the ticket the record belongs to (migration 0013_feed_ticket); null for users, replies and deletions. */
  sync_changes: { entity: string; entity_id: string; op: string; data: string | null; tx: number; seq: number; ticket_id: string | null };
  applied_mutations: { id: string; client_id: string; actor_id: string; name: string; status: string; error: string | null; applied_at: number };
  counters: { name: string; value: number };
  meta: { key: string; value: string };
  /**
   * Derived, one row per ticket: what the statistics need from its record and timeline
   * (shared/stats/ticketFacts.ts), rewritten whenever the ticket, an event or a session of it is
   * written, so the statistics are plain SQL aggregates. Flags are 0/1.
   */
  ticket_facts: {
    ticket_id: string;
    created_at: number;
    /** The last resolution while the ticket is resolved or closed; null while it is open. */
    resolved_at: number | null;
    is_open: number;
    tier: number;
    category: string;
    priority: string;
    assignee_id: string | null;
    credited_to: string | null;
    is_reopened: number;
    is_escalated: number;
    calls: number;
    sessions: number;
    assignees: number;
    resolution_due_at: number;
    pending_since: number | null;
    /** Trimmed, ASCII-lower-cased requester name and contact (`requesterKey`). */
    requester_key: string;
    /** Creation of the requester's next ticket in the same category after this one's last resolution (repeat contact). */
    next_contact_at: number | null;
    /** resolved_at − created_at, null while open: the percentiles walk it in order through an index. */
    resolution_ms: number | null;
    /** resolution_ms if the ticket met every first-contact condition but the time window (firstContactResolutionMs), else null. */
    first_contact_ms: number | null;
    /** Per tier (shared/stats/tierStayTotals.ts): reached it, escalated away from it, ms there that no longer grow, start of a stay there still growing. */
    reached_t1: number;
    reached_t2: number;
    reached_t3: number;
    escalated_t1: number;
    escalated_t2: number;
    escalated_t3: number;
    settled_ms_t1: number;
    settled_ms_t2: number;
    settled_ms_t3: number;
    open_since_t1: number | null;
    open_since_t2: number | null;
    open_since_t3: number | null;
  };
  /**
   * Derived, one row per numbered ticket: its search haystack (shared/domain/ticketSearch.ts),
   * rewritten with the ticket, with a trigram index over it (server/search/ticketSearchTable.ts).
   */
  ticket_search: { number: number; ticket_id: string; haystack: string };
  /** Provenance of imported tickets, one row per (source format, id in the source). `extra` is JSON of source-only fields. */
  ticket_imports: { source: string; external_id: string; ticket_id: string; made_sla: number | null; extra: string; imported_at: number };
  /**
   * Security-relevant actions (server/audit/auditLog.ts), only ever inserted. `actor_id` is null
   * when nobody is signed in (a failed login); `address` is null for an action not made over HTTP;
   * `detail` is JSON and never holds a password or token.
   */
  audit_log: { id: Generated<number>; at: number; actor_id: string | null; action: string; subject: string; address: string | null; detail: string | null };
};
