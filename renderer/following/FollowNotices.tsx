import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp } from '../app/store';
import { useWorkspace } from '../app/useWorkspace';
import { useUsers } from '../sync/liveData';
import { watchFollowedResolutions, type FollowNotice } from './followedResolutions';
import './following.css';

/** Notices kept on screen at most; older ones make room. */
const MAX_SHOWN = 4;

export type FollowNoticesProps = {
  notices: readonly FollowNotice[];
  nameOf(userId: string): string;
  onOpen(notice: FollowNotice): void;
  onDismiss(notice: FollowNotice): void;
};

/** "A ticket you follow was resolved", one line each, with Open and Dismiss. Props only. */
export const FollowNotices = ({ notices, nameOf, onOpen, onDismiss }: FollowNoticesProps) => {
  const { t } = useTranslation('queue');
  return (
    // The live region stays mounted so each new notice is announced.
    <div className="follow-notices" role="status" aria-label={t('followNotice.region')}>
      {notices.map((notice) => (
        <p key={notice.eventId} className="follow-notice" data-testid="follow-notice" data-code={notice.code}>
          <span>{t('followNotice.resolved', { code: notice.code, title: notice.title, name: nameOf(notice.resolvedBy) })}</span>
          <button type="button" className="button small" onClick={() => onOpen(notice)}>
            {t('followNotice.open')}
          </button>
          <button type="button" className="icon-button" aria-label={t('followNotice.dismiss')} onClick={() => onDismiss(notice)}>
            ×
          </button>
        </p>
      ))}
    </div>
  );
};

/** The notices of this console's workspace, from the pages its sync applies. */
export const ConnectedFollowNotices = () => {
  const { db, pulledPages, user } = useWorkspace();
  const { t } = useTranslation('ticket');
  const users = useUsers(db);
  const selectTicket = useApp((state) => state.selectTicket);
  const [notices, setNotices] = useState<readonly FollowNotice[]>([]);
  useEffect(
    () => watchFollowedResolutions(db, pulledPages, user.id, (notice) => setNotices((shown) => [...shown, notice].slice(-MAX_SHOWN))),
    [db, pulledPages, user.id],
  );
  const dismiss = (notice: FollowNotice) => setNotices((shown) => shown.filter((candidate) => candidate.eventId !== notice.eventId));
  return (
    <FollowNotices
      notices={notices}
      nameOf={(id) => users.get(id)?.displayName ?? t('unknownUser')}
      onOpen={(notice) => {
        selectTicket(notice.ticketId);
        dismiss(notice);
      }}
      onDismiss={dismiss}
    />
  );
};
