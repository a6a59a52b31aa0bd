import type { call as en } from '../en/call';

export const call: typeof en = {
  placeholder: '',
};
