import type { PublicUser, Role } from '../../shared/domain/records';
import type { Tier } from '../../shared/domain/ticket';
import type { AccountChange, NewAccount } from '../../shared/users/api';
import type { AccountsFailure } from './accountsClient';

export const ACCOUNT_FIELDS = ['username', 'password', 'displayName', 'role', 'tier'] as const;
export type AccountField = (typeof ACCOUNT_FIELDS)[number];

/** What the new-account form holds; `tier` counts only for a technician. */
export type NewAccountDraft = { username: string; password: string; displayName: string; role: Role; tier: Tier };

/** What the change dialog holds for an existing account. */
export type AccountDraft = { displayName: string; role: Role; tier: Tier };

/** A reason to show: `code` picks a translated text when the console has one, else `message` is shown as the server wrote it. */
export type Reason = { code: string; message: string };

/** Only technicians have a tier (the server refuses one for anyone else). */
export const newAccountBody = (draft: NewAccountDraft): NewAccount => ({
  // A space typed around the name is a slip, never part of it.
  username: draft.username.trim(),
  password: draft.password,
  displayName: draft.displayName,
  role: draft.role,
  tier: draft.role === 'technician' ? draft.tier : null,
});

/** The fields that differ from the account as it is, or null when nothing changed. */
export const accountChange = (user: PublicUser, draft: AccountDraft): AccountChange | null => {
  const change: AccountChange = {};
  if (draft.role !== user.role) change.role = draft.role;
  const tier = draft.role === 'technician' ? draft.tier : null;
  if (tier !== user.tier) change.tier = tier;
  const displayName = draft.displayName.trim();
  if (displayName !== user.displayName) change.displayName = displayName;
  return Object.keys(change).length === 0 ? null : change;
};

/** The draft a change starts from: the account as it is; a technician without a tier starts at tier 1. */
export const draftOf = (user: PublicUser): AccountDraft => ({ displayName: user.displayName, role: user.role, tier: user.tier ?? 1 });

const isField = (name: string): name is AccountField => ACCOUNT_FIELDS.some((field) => field === name);

/** Where a refusal belongs in a form: beside a field, or above the form. */
export type FormErrors = { fields: Partial<Record<AccountField, Reason>>; form: AccountsFailure | null };

/**
 * Spreads a refusal over the form. A 400 names its fields as `Invalid user: field: reason; …`
 * (the server's describeZodError): each reason goes beside its field; one without a known field
 * stays above the form. A taken username belongs to the username field.
 */
export const formErrorsOf = (failure: AccountsFailure): FormErrors => {
  if (failure.kind !== 'refused') return { fields: {}, form: failure };
  if (failure.code === 'username_taken') return { fields: { username: { code: failure.code, message: failure.message } }, form: null };
  if (failure.status !== 400) return { fields: {}, form: failure };
  const fields: FormErrors['fields'] = {};
  const rest: string[] = [];
  const detail = failure.message.replace(/^Invalid [^:]*: /, '');
  for (const part of detail.split('; ')) {
    const match = /^([A-Za-z]+): (.+)$/.exec(part);
    const field = match?.[1];
    const reason = match?.[2];
    if (field !== undefined && reason !== undefined && isField(field) && fields[field] === undefined)
      fields[field] = { code: 'invalid_request', message: reason };
    else rest.push(part);
  }
  return { fields, form: rest.length === 0 ? null : { ...failure, message: rest.join('; ') } };
};
