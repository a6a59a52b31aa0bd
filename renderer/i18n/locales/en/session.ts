/** Texts of the session namespace. */
export const session = {
  placeholder: '',
};
