import './replies.css';
import { useTranslation } from 'react-i18next';
import { randomUuid } from '../../shared/platform';
import type { DomainError, Result } from '../../shared/result';
import { useWorkspace } from '../app/useWorkspace';
import { useUsers } from '../sync/liveData';
import { RepliesView } from './RepliesView';
import { useReplies } from './useReplies';

/** The header button that opens the canned replies (supervisors and admins). */
export const RepliesButton = ({ isOpen, onToggle }: { isOpen: boolean; onToggle(): void }) => {
  const { t } = useTranslation('replies');
  return (
    <button type="button" className={isOpen ? 'button primary' : 'button'} aria-pressed={isOpen} onClick={onToggle} aria-keyshortcuts="r">
      {t('open')} <kbd>R</kbd>
    </button>
  );
};

/** The view in place of the queue: the replies from the cache, each change a mutation through the workspace. */
export const RepliesPanel = ({ onClose }: { onClose(): void }) => {
  const workspace = useWorkspace();
  const { t, i18n } = useTranslation('replies');
  const replies = useReplies(workspace.db, i18n.language);
  const users = useUsers(workspace.db);
  const refusal = (error: DomainError): string =>
    error.code === 'forbidden' ? t('refusal.forbidden') : error.code === 'not_found' ? t('refusal.notFound') : error.message;
  const outcome = (result: Result<unknown>): string | null => (result.ok ? null : refusal(result.error));
  return (
    <RepliesView
      replies={replies}
      nameOf={(id) => users.get(id)?.displayName ?? null}
      locale={i18n.language}
      onSave={async (id, title, body) => outcome(await workspace.run('reply:save', { id: id ?? randomUuid(), title, body }))}
      onDelete={async (reply) => outcome(await workspace.run('reply:delete', { id: reply.id }))}
      onClose={onClose}
    />
  );
};
