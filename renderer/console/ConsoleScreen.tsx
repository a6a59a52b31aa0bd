import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { can } from '../../shared/auth/capabilities';
import { AccountsButton, AccountsPanel } from '../accounts/AccountsEntry';
import { useApp } from '../app/store';
import { resumeCall } from '../calls/callStore';
import { ConnectedTakeNextNotice } from '../calls/TakeNextNotice';
import { useCommand, useCommandShortcuts } from '../commands/useCommands';
import { ConnectedFollowNotices } from '../following/FollowNotices';
import { useAccount, useWorkspace } from '../app/useWorkspace';
import { useNow } from '../sync/liveData';
import { NewTicketDialog } from '../tickets/NewTicketDialog';
import { KnowledgeButton, KnowledgePanel } from '../knowledge/KnowledgeEntry';
import { ClassesPanel } from '../training/ClassesEntry';
import { RepliesButton, RepliesPanel } from '../replies/RepliesEntry';
import { StatsButton, StatsPanel } from '../stats/StatsEntry';
import { Header } from './Header';
import { QueueWorkspace } from './QueueWorkspace';
import { RejectedChanges } from './RejectedChanges';
import { SyncIndicator } from './SyncIndicator';

const ConnectedSyncIndicator = () => {
  const { db } = useWorkspace();
  const status = useApp((state) => state.syncStatus);
  const setRejectedOpen = useApp((state) => state.setRejectedOpen);
  // Counted from the cache, so a change shows as pending the moment it is made.
  const pending = useLiveQuery(() => db.outbox.where('state').equals('pending').count(), [db], 0);
  const rejected = useLiveQuery(() => db.rejected.count(), [db], 0);
  const now = useNow(15_000);
  const { i18n } = useTranslation();
  return (
    <SyncIndicator
      state={status.state}
      isLive={status.live}
      pending={pending}
      received={status.received}
      total={status.total}
      fromScratch={status.fromScratch}
      lastSyncedAt={status.lastSyncedAt}
      error={status.error}
      rejected={rejected}
      onShowRejected={() => setRejectedOpen(true)}
      now={now}
      locale={i18n.language}
    />
  );
};

const ConnectedRejectedDialog = () => {
  const setRejectedOpen = useApp((state) => state.setRejectedOpen);
  return <RejectedChanges onClose={() => setRejectedOpen(false)} />;
};

/** Hands the signed-in user's account to the session whenever sync brings a change to it. */
const AccountFollower = () => {
  const { user, db } = useWorkspace();
  const followAccount = useApp((state) => state.followAccount);
  const synced = useLiveQuery(() => db.users.get(user.id), [db, user.id]);
  useEffect(() => {
    if (synced !== undefined) followAccount(synced);
  }, [synced, followAccount]);
  return null;
};

/** The signed-in console: header, queue, the open ticket and any open dialog. */
export const ConsoleScreen = () => {
  const { db } = useWorkspace();
  // Role and tier as an admin last set them, not as they were at sign-in.
  const user = useAccount();
  // The server refuses anyone else with 403; the same table says what to offer.
  const canSeeStats = can(user.role, 'stats:read');
  const isStatsOpen = useApp((state) => state.isStatsOpen);
  const setStatsOpen = useApp((state) => state.setStatsOpen);
  const toggleStats = useCommand('view:statistics');
  const canManageAccounts = can(user.role, 'users:manage');
  const isAccountsOpen = useApp((state) => state.isAccountsOpen);
  const setAccountsOpen = useApp((state) => state.setAccountsOpen);
  const toggleAccounts = useCommand('view:accounts');
  // Supervisors and admins write the desk's canned replies; the rules refuse anyone else.
  const canManageReplies = can(user.role, 'replies:manage');
  const isRepliesOpen = useApp((state) => state.isRepliesOpen);
  const setRepliesOpen = useApp((state) => state.setRepliesOpen);
  const toggleReplies = useCommand('view:replies');
  // Everyone reads and writes the knowledge base.
  const isKnowledgeOpen = useApp((state) => state.isKnowledgeOpen);
  const setKnowledgeOpen = useApp((state) => state.setKnowledgeOpen);
  const toggleKnowledge = useCommand('view:knowledge');
  // Everyone plans and marks training classes (key l, or the palette).
  const isClassesOpen = useApp((state) => state.isClassesOpen);
  const setClassesOpen = useApp((state) => state.setClassesOpen);
  const selectedTicketId = useApp((state) => state.selectedTicketId);
  const isNewTicketOpen = useApp((state) => state.isNewTicketOpen);
  const isRejectedOpen = useApp((state) => state.isRejectedOpen);
  const newTicket = useCommand('ticket:new');
  const answerCall = useCommand('call:answer');
  const takeNext = useCommand('ticket:take-next');
  const openNewTicket = useApp((state) => state.openNewTicket);
  const signOut = useApp((state) => state.signOut);
  useCommandShortcuts();
  // A reload mid-call brings the call dialog back with its timer still counting from the answer.
  useEffect(() => {
    if (resumeCall(user.id)) openNewTicket();
  }, [user.id, openNewTicket]);
  return (
    <div className="console">
      <AccountFollower />
      <Header
        user={user}
        syncIndicator={<ConnectedSyncIndicator />}
        notice={<ConnectedTakeNextNotice />}
        onNewTicket={newTicket}
        onAnswerCall={answerCall}
        onTakeNext={user.tier === null ? null : takeNext}
        onSignOut={() => void signOut()}
        nav={
          <>
            <KnowledgeButton isOpen={isKnowledgeOpen} onToggle={toggleKnowledge} />
            {canSeeStats && <StatsButton isOpen={isStatsOpen} onToggle={toggleStats} />}
            {canManageReplies && <RepliesButton isOpen={isRepliesOpen} onToggle={toggleReplies} />}
            {canManageAccounts && <AccountsButton isOpen={isAccountsOpen} onToggle={toggleAccounts} />}
          </>
        }
      />
      <ConnectedFollowNotices />
      {isAccountsOpen && canManageAccounts ? (
        <main className="workspace accounts-workspace">
          <AccountsPanel selfId={user.id} onClose={() => setAccountsOpen(false)} />
        </main>
      ) : isKnowledgeOpen ? (
        <main className="workspace knowledge-workspace">
          <KnowledgePanel onClose={() => setKnowledgeOpen(false)} />
        </main>
      ) : isClassesOpen ? (
        <main className="workspace classes-workspace">
          <ClassesPanel onClose={() => setClassesOpen(false)} />
        </main>
      ) : isRepliesOpen && canManageReplies ? (
        <main className="workspace replies-workspace">
          <RepliesPanel onClose={() => setRepliesOpen(false)} />
        </main>
      ) : isStatsOpen && canSeeStats ? (
        <main className="workspace stats-workspace">
          <StatsPanel db={db} onClose={() => setStatsOpen(false)} />
        </main>
      ) : (
        <QueueWorkspace userId={user.id} selectedTicketId={selectedTicketId} />
      )}
      {isNewTicketOpen && <NewTicketDialog />}
      {isRejectedOpen && <ConnectedRejectedDialog />}
    </div>
  );
};
