/** Texts of the shell namespace. */
export const shell = {
  placeholder: '',
};
