import type { session as en } from '../en/session';

export const session: typeof en = {
  placeholder: '',
};
