import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CannedReply } from '../../shared/domain/records';
import { formatDateTime } from '../../shared/format/dates';
import { Dialog } from '../components/Dialog';
import { useEscapeBack } from '../components/useEscapeBack';
import { ReplyEditorDialog } from './ReplyEditorDialog';
import { ViewTop } from '../components/ViewTop';

export type RepliesViewProps = {
  replies: readonly CannedReply[];
  /** A member of staff's name, for who changed a reply last. */
  nameOf(userId: string): string | null;
  locale: string;
  /** Creates (id null) or changes a reply; answers the refusal to show, or null. */
  onSave(id: string | null, title: string, body: string): Promise<string | null>;
  onDelete(reply: CannedReply): Promise<string | null>;
  onClose(): void;
};

type Open = { kind: 'none' } | { kind: 'new' } | { kind: 'edit'; reply: CannedReply } | { kind: 'delete'; reply: CannedReply };

/**
 * The desk's canned replies, for supervisors and admins to write, change and delete. Each change
 * is a synced mutation like a ticket's: made offline too, and refused by the server for anyone
 * else.
 */
export const RepliesView = ({ replies, nameOf, locale, onSave, onDelete, onClose }: RepliesViewProps) => {
  const { t } = useTranslation('replies');
  const [open, setOpen] = useState<Open>({ kind: 'none' });
  const [notice, setNotice] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  useEscapeBack(onClose);
  const close = () => setOpen({ kind: 'none' });
  const save = async (id: string | null, title: string, body: string): Promise<string | null> => {
    const outcome = await onSave(id, title, body);
    if (outcome === null) {
      setNotice(t('saved', { title: title.trim() }));
      close();
    }
    return outcome;
  };
  const remove = async (reply: CannedReply) => {
    const outcome = await onDelete(reply);
    setRefusal(outcome);
    setNotice(outcome === null ? t('deleted', { title: reply.title }) : null);
    close();
  };
  return (
    <section className="replies-view" aria-labelledby="replies-title">
      <ViewTop area="replies" title={t('title')} closeLabel={t('close')} onClose={onClose}>
        <button type="button" className="button primary" onClick={() => setOpen({ kind: 'new' })}>
          {t('newReply')}
        </button>
      </ViewTop>
      <p className="muted replies-intro">{t('intro')}</p>
      {notice !== null && (
        <p className="replies-banner ok" role="status">
          {notice}
        </p>
      )}
      {refusal !== null && (
        <p className="replies-banner error" role="alert">
          {refusal}
        </p>
      )}
      {replies.length === 0 ? (
        <p className="empty">{t('empty')}</p>
      ) : (
        <ul className="replies-list" aria-label={t('listLabel')}>
          {replies.map((reply) => (
            <li key={reply.id} className="reply-item" data-reply-id={reply.id}>
              <h3>{reply.title}</h3>
              <p className="reply-item-body">{reply.body}</p>
              <span className="reply-item-meta muted">
                {t('changedBy', { name: nameOf(reply.updatedBy) ?? t('unknownUser'), when: formatDateTime(reply.updatedAt, locale) })}
              </span>
              <div className="reply-item-actions">
                <button
                  type="button"
                  className="button small"
                  aria-label={t('editLabel', { title: reply.title })}
                  onClick={() => setOpen({ kind: 'edit', reply })}
                >
                  {t('edit')}
                </button>
                <button
                  type="button"
                  className="button small danger"
                  aria-label={t('deleteLabel', { title: reply.title })}
                  onClick={() => setOpen({ kind: 'delete', reply })}
                >
                  {t('delete')}
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
      {(open.kind === 'new' || open.kind === 'edit') && (
        <ReplyEditorDialog
          reply={open.kind === 'edit' ? open.reply : null}
          onSave={(title, body) => save(open.kind === 'edit' ? open.reply.id : null, title, body)}
          onClose={close}
        />
      )}
      {open.kind === 'delete' && (
        <Dialog title={t('confirmDelete.title')} onClose={close}>
          <div className="form">
            <p>{t('confirmDelete.text', { title: open.reply.title })}</p>
            <div className="form-actions">
              {/* Cancel first: the focus the dialog gives its first button lands on the harmless choice. */}
              <button type="button" className="button" onClick={close}>
                {t('confirmDelete.cancel')}
              </button>
              <button type="button" className="button danger" onClick={() => void remove(open.reply)}>
                {t('confirmDelete.confirm')}
              </button>
            </div>
          </div>
        </Dialog>
      )}
    </section>
  );
};
