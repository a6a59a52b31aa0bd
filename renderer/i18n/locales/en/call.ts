/** Texts of the call namespace. */
export const call = {
  placeholder: '',
};
