import type { ticket as en } from '../en/ticket';

export const ticket: typeof en = {
  placeholder: '',
};
