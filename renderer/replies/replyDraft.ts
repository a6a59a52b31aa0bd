import { replySaveArgs } from '../../shared/domain/mutationArgs';

/** Why a field of the reply editor was refused, as data the editor words in the console's language. */
export type DraftProblem = { kind: 'blank' } | { kind: 'tooLong'; max: number } | { kind: 'other'; message: string };
export type DraftProblems = Partial<Record<'title' | 'body', DraftProblem>>;

/** The editor's fields checked by the same schema as `reply:save`, so what it accepts the rule accepts. */
export const replyDraftProblems = (title: string, body: string): DraftProblems => {
  const parsed = replySaveArgs.safeParse({ id: 'draft', title, body });
  if (parsed.success) return {};
  const problems: DraftProblems = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0];
    if ((field !== 'title' && field !== 'body') || problems[field] !== undefined) continue;
    const value = field === 'title' ? title : body;
    problems[field] =
      issue.code === 'too_big' && typeof issue.maximum === 'number'
        ? { kind: 'tooLong', max: issue.maximum }
        : value.trim() === ''
          ? { kind: 'blank' }
          : { kind: 'other', message: issue.message };
  }
  return problems;
};
