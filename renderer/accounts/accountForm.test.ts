import { describe, expect, it } from 'vitest';
import type { PublicUser } from '../../shared/domain/records';
import { accountChange, draftOf, formErrorsOf, newAccountBody } from './accountForm';

const tina: PublicUser = { id: 'u-1', username: 'tina', displayName: 'Tina Tamm', role: 'technician', tier: 1, active: true };
const sue: PublicUser = { id: 'u-2', username: 'sue', displayName: 'Sue Marsh', role: 'supervisor', tier: null, active: true };

describe('newAccountBody', () => {
  it('gives a technician the chosen tier and anyone else none', () => {
    const draft = { username: ' nadia ', password: 'pw', displayName: 'Nadia', role: 'technician', tier: 2 } as const;
    expect(newAccountBody(draft)).toEqual({ username: 'nadia', password: 'pw', displayName: 'Nadia', role: 'technician', tier: 2 });
    expect(newAccountBody({ ...draft, role: 'supervisor' }).tier).toBeNull();
  });
});

describe('accountChange', () => {
  it('is null when nothing changed', () => {
    expect(accountChange(tina, draftOf(tina))).toBeNull();
    expect(accountChange(sue, draftOf(sue))).toBeNull();
  });

  it('sends only what changed', () => {
    expect(accountChange(tina, { ...draftOf(tina), tier: 3 })).toEqual({ tier: 3 });
    expect(accountChange(tina, { ...draftOf(tina), displayName: ' Tina T. ' })).toEqual({ displayName: 'Tina T.' });
  });

  it('drops the tier when a technician becomes staff, and gives one when staff becomes a technician', () => {
    expect(accountChange(tina, { ...draftOf(tina), role: 'supervisor' })).toEqual({ role: 'supervisor', tier: null });
    expect(accountChange(sue, { ...draftOf(sue), role: 'technician', tier: 2 })).toEqual({ role: 'technician', tier: 2 });
  });

  it('starts a technician without a tier at tier 1', () => {
    expect(draftOf({ ...tina, tier: null }).tier).toBe(1);
  });
});

describe('formErrorsOf', () => {
  it("puts each of the server's field reasons beside its field", () => {
    const errors = formErrorsOf({
      kind: 'refused',
      status: 400,
      code: 'invalid_request',
      message: 'Invalid user: username: 2 to 32 lower-case letters, digits, dots, dashes or underscores; password: at least 10 characters',
    });
    expect(errors).toEqual({
      fields: {
        username: { code: 'invalid_request', message: '2 to 32 lower-case letters, digits, dots, dashes or underscores' },
        password: { code: 'invalid_request', message: 'at least 10 characters' },
      },
      form: null,
    });
  });

  it("puts the server's reason for a new password beside the password field", () => {
    const errors = formErrorsOf({ kind: 'refused', status: 400, code: 'invalid_request', message: 'Invalid password reset: password: at least 10 characters' });
    expect(errors).toEqual({ fields: { password: { code: 'invalid_request', message: 'at least 10 characters' } }, form: null });
  });

  it('keeps a reason without a known field above the form', () => {
    const errors = formErrorsOf({
      kind: 'refused',
      status: 400,
      code: 'invalid_request',
      message: 'Invalid user: Unrecognized key: "x"; tier: only technicians have a tier',
    });
    expect(errors.fields).toEqual({ tier: { code: 'invalid_request', message: 'only technicians have a tier' } });
    expect(errors.form).toMatchObject({ kind: 'refused', message: 'Unrecognized key: "x"' });
  });

  it('puts a taken username beside the username, and other refusals and offline above the form', () => {
    expect(formErrorsOf({ kind: 'refused', status: 409, code: 'username_taken', message: 'The username tina is already taken.' }).fields.username?.code).toBe(
      'username_taken',
    );
    const lastAdmin = { kind: 'refused', status: 409, code: 'last_admin', message: 'no' } as const;
    expect(formErrorsOf(lastAdmin)).toEqual({ fields: {}, form: lastAdmin });
    expect(formErrorsOf({ kind: 'offline' })).toEqual({ fields: {}, form: { kind: 'offline' } });
  });
});
