import './classes.css';
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Article } from '../../shared/knowledge/article';
import { randomUuid } from '../../shared/platform';
import type { DomainError, Result } from '../../shared/result';
import type { TrainingClass } from '../../shared/training/trainingClass';
import { useAppStore } from '../app/store';
import { useNow, useUsers } from '../sync/liveData';
import { can } from '../../shared/auth/capabilities';
import { useAccount, useWorkspace } from '../app/useWorkspace';
import { ClassImpact } from './ClassImpact';
import { ClassesView } from './ClassesView';
import type { ClassFields } from './classDraft';

const NO_CLASSES: readonly TrainingClass[] = [];
const NO_ARTICLES: readonly Article[] = [];
const NO_CATEGORIES: readonly string[] = [];

/** The view in place of the queue: classes, articles, staff and the desk's categories from the cache, each change a mutation through the workspace. */
export const ClassesPanel = ({ onClose }: { onClose(): void }) => {
  const workspace = useWorkspace();
  const { t, i18n } = useTranslation('classes');
  const store = useAppStore();
  // Handed over once, when the view opens: the view keeps it, and the store forgets it so no later opening plans it again.
  const [plan] = useState(() => store.getState().classPlan);
  useEffect(() => {
    store.getState().takeClassPlan();
  }, [store]);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const classes = useLiveQuery(() => workspace.db.classes.orderBy('startsAt').toArray(), [workspace.db]) ?? NO_CLASSES;
  const articles = useLiveQuery(() => workspace.db.articles.toArray(), [workspace.db]) ?? NO_ARTICLES;
  const categories = useLiveQuery(async () => (await workspace.db.tickets.orderBy('category').uniqueKeys()).map(String), [workspace.db]) ?? NO_CATEGORIES;
  const users = useUsers(workspace.db);
  const now = useNow(30_000);
  const account = useAccount();
  const published = articles.filter((article) => article.status === 'published').sort((a, b) => a.title.localeCompare(b.title, i18n.language));
  const trainers = [...users.values()]
    // Technicians teach; whoever plans a class (a supervisor from the statistics) is its first trainer, so they are listed too.
    .filter((user) => user.active && (user.role === 'technician' || user.id === workspace.user.id))
    .sort((a, b) => a.displayName.localeCompare(b.displayName, i18n.language));
  // Codes the view can say in the chosen language; any other refusal is the rules' own sentence.
  const refusal = (error: DomainError): string =>
    error.code === 'conflict' ? t('conflict') : error.code === 'class_not_started' ? t('notStarted') : error.message;
  const outcome = (result: Result<unknown>): string | null => (result.ok ? null : refusal(result.error));
  return (
    <ClassesView
      classes={classes}
      selectedId={selectedId}
      now={now}
      locale={i18n.language}
      userId={workspace.user.id}
      categories={categories}
      trainers={trainers}
      articles={published}
      nameOf={(id) => users.get(id)?.displayName ?? null}
      articleTitle={(id) => articles.find((article) => article.id === id)?.title ?? null}
      plan={plan}
      onSelect={setSelectedId}
      onCreate={async (fields: ClassFields) => {
        const id = randomUuid();
        const result = await workspace.run('class:create', { id, ...fields });
        if (result.ok) setSelectedId(id);
        return outcome(result);
      }}
      // Every field as written: the rule keeps only what differs, and refuses it all if the class moved on meanwhile.
      onUpdate={async (trainingClass, fields) =>
        outcome(await workspace.run('class:update', { id: trainingClass.id, baseVersion: trainingClass.version, ...fields }))
      }
      onMark={async (trainingClass, marks) => outcome(await workspace.run('class:markAttendance', { id: trainingClass.id, marks }))}
      onClose={onClose}
      impactOf={can(account.role, 'stats:read') ? (trainingClass) => <ClassImpact db={workspace.db} trainingClass={trainingClass} /> : null}
    />
  );
};
