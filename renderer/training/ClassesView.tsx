import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { PublicUser } from '../../shared/domain/records';
import { formatDateTime } from '../../shared/format/dates';
import type { Article } from '../../shared/knowledge/article';
import { hasStarted, isPastClass, type TrainingClass } from '../../shared/training/trainingClass';
import { ViewTop } from '../components/ViewTop';
import { useEscapeBack } from '../components/useEscapeBack';
import { AttendanceDialog, type AttendanceMark } from './AttendanceDialog';
import { ClassEditorDialog } from './ClassEditorDialog';
import { draftOf, newDraft, type ClassFields, type ClassPlan } from './classDraft';

export type ClassesViewProps = {
  /** Every class the cache holds, in order of start. */
  classes: readonly TrainingClass[];
  selectedId: string | null;
  now: string;
  locale: string;
  userId: string;
  categories: readonly string[];
  trainers: readonly PublicUser[];
  /** Published articles, to choose materials from. */
  articles: readonly Article[];
  nameOf(userId: string): string | null;
  articleTitle(id: string): string | null;
  /** A plan to open a new class's editor with at once (from the statistics). */
  plan: ClassPlan | null;
  onSelect(id: string): void;
  /** Each answers the refusal to show, or null once done. */
  onCreate(fields: ClassFields): Promise<string | null>;
  onUpdate(trainingClass: TrainingClass, fields: ClassFields): Promise<string | null>;
  onMark(trainingClass: TrainingClass, marks: AttendanceMark[]): Promise<string | null>;
  onClose(): void;
  /** What a past class measured (its training impact), for those who may read statistics; null for others. */
  impactOf: ((trainingClass: TrainingClass) => ReactNode) | null;
};

type Editing =
  { kind: 'none' } | { kind: 'new'; plan: ClassPlan | null } | { kind: 'edit'; trainingClass: TrainingClass } | { kind: 'mark'; trainingClass: TrainingClass };

/**
 * The training classes in place of the queue: upcoming ones (soonest first) and past ones (latest
 * first), the chosen one with its trainers, materials and attendees, planning and editing, and
 * marking who came once it has started; each a synced change, offline too.
 */
export const ClassesView = (props: ClassesViewProps) => {
  const { classes, selectedId, now, locale, nameOf, articleTitle, onSelect, onClose } = props;
  const { t } = useTranslation('classes');
  const [editing, setEditing] = useState<Editing>(props.plan === null ? { kind: 'none' } : { kind: 'new', plan: props.plan });
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);
  useEscapeBack(onClose);
  const upcoming = classes.filter((c) => !isPastClass(c, now));
  const past = classes.filter((c) => isPastClass(c, now)).reverse();
  const selected = classes.find((c) => c.id === selectedId) ?? null;
  const done = (outcome: string | null, success: string): string | null => {
    if (outcome !== null) return outcome;
    setEditing({ kind: 'none' });
    setNotice({ ok: true, text: success });
    return null;
  };
  const list = (items: readonly TrainingClass[], empty: string) =>
    items.length === 0 ? (
      <p className="empty">{empty}</p>
    ) : (
      <ul className="classes-list">
        {items.map((c) => (
          <li key={c.id}>
            <button
              type="button"
              className={c.id === selectedId ? 'classes-item selected' : 'classes-item'}
              aria-current={c.id === selectedId ? 'true' : undefined}
              onClick={() => onSelect(c.id)}
            >
              <span className="classes-item-title">{c.title}</span>
              <span className="muted">
                {c.topic} · {t('when', { start: formatDateTime(c.startsAt, locale), minutes: c.durationMinutes })}
              </span>
            </button>
          </li>
        ))}
      </ul>
    );
  const count = (c: TrainingClass, attendance: TrainingClass['attendees'][number]['attendance']) =>
    c.attendees.filter((a) => a.attendance === attendance).length;
  return (
    <section className="classes-view" aria-labelledby="classes-title">
      <ViewTop area="classes" title={t('title')} closeLabel={t('close')} onClose={onClose}>
        <button type="button" className="button primary" onClick={() => setEditing({ kind: 'new', plan: null })}>
          {t('newClass')}
        </button>
      </ViewTop>
      {notice !== null && (
        <p className={notice.ok ? 'classes-banner ok' : 'classes-banner error'} role={notice.ok ? 'status' : 'alert'}>
          {notice.text}
        </p>
      )}
      <div className="classes-body">
        <nav className="classes-list-pane" aria-label={t('listLabel')}>
          <h3>{t('upcoming')}</h3>
          {list(upcoming, t('noUpcoming'))}
          <h3>{t('past')}</h3>
          {list(past, t('noPast'))}
        </nav>
        <article className="classes-detail" aria-label={selected?.title ?? t('pick')}>
          {selected === null ? (
            <p className="muted">{t('pick')}</p>
          ) : (
            <>
              <h3>{selected.title}</h3>
              <dl className="classes-facts">
                <dt>{t('topic')}</dt>
                <dd>{selected.topic}</dd>
                <dt>{t('editor.startsAt')}</dt>
                <dd>{t('when', { start: formatDateTime(selected.startsAt, locale), minutes: selected.durationMinutes })}</dd>
                <dt>{t('place')}</dt>
                <dd>{selected.place}</dd>
                <dt>{t('trainers')}</dt>
                <dd>{selected.trainerIds.map((id) => nameOf(id) ?? t('unknownUser')).join(', ')}</dd>
                <dt>{t('materials')}</dt>
                <dd>
                  {selected.materials.length === 0 ? t('noMaterials') : selected.materials.map((id) => articleTitle(id) ?? t('unknownArticle')).join(', ')}
                </dd>
              </dl>
              <div className="classes-actions">
                <button type="button" className="button small" onClick={() => setEditing({ kind: 'edit', trainingClass: selected })}>
                  {t('edit')}
                </button>
                <button
                  type="button"
                  className="button small primary"
                  disabled={!hasStarted(selected, now) || selected.attendees.length === 0}
                  onClick={() => setEditing({ kind: 'mark', trainingClass: selected })}
                >
                  {t('markAttendance')}
                </button>
                {!hasStarted(selected, now) && <span className="muted">{t('notStartedYet')}</span>}
              </div>
              {props.impactOf !== null && isPastClass(selected, now) && props.impactOf(selected)}
              <h4>{t('attendees')}</h4>
              {selected.attendees.length === 0 ? (
                <p className="muted">{t('noAttendees')}</p>
              ) : (
                <>
                  <p className="muted">
                    {t('attendanceCount', { attended: count(selected, 'attended'), absent: count(selected, 'absent'), unmarked: count(selected, 'unmarked') })}
                  </p>
                  <table className="classes-attendees">
                    <tbody>
                      {selected.attendees.map((attendee) => (
                        <tr key={`${attendee.name}\u0000${attendee.contact ?? ''}`}>
                          <td>{attendee.name}</td>
                          <td className="muted">{attendee.contact ?? ''}</td>
                          <td>
                            <span className={`badge attendance-${attendee.attendance}`}>{t(`attendance.${attendee.attendance}`)}</span>
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </>
              )}
            </>
          )}
        </article>
      </div>
      {(editing.kind === 'new' || editing.kind === 'edit') && (
        <ClassEditorDialog
          isEdit={editing.kind === 'edit'}
          initial={editing.kind === 'edit' ? draftOf(editing.trainingClass) : newDraft(now, props.userId, editing.plan)}
          isSuggested={editing.kind === 'new' && editing.plan !== null && editing.plan.attendees.length > 0}
          categories={props.categories}
          trainers={props.trainers}
          articles={props.articles}
          onSave={async (fields) =>
            done(
              editing.kind === 'edit' ? await props.onUpdate(editing.trainingClass, fields) : await props.onCreate(fields),
              t('saved', { title: fields.title.trim() }),
            )
          }
          onClose={() => setEditing({ kind: 'none' })}
        />
      )}
      {editing.kind === 'mark' && (
        <AttendanceDialog
          trainingClass={editing.trainingClass}
          onSave={async (marks) => done(await props.onMark(editing.trainingClass, marks), t('marked', { title: editing.trainingClass.title }))}
          onClose={() => setEditing({ kind: 'none' })}
        />
      )}
    </section>
  );
};
