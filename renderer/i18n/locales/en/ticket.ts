/** Texts of the ticket namespace. */
export const ticket = {
  placeholder: '',
};
