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
  /** The change feed: the newest JSON of every record and its position (tx, seq). */
  sync_changes: { entity: string; entity_id: string; op: string; data: string | null; tx: number; seq: number };
  applied_mutations: { id: string; client_id: string; actor_id: string; name: string; status: string; error: string | null; applied_at: number };
  counters: { name: string; value: number };
  meta: { key: string; value: string };
};
