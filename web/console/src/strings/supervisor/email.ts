/** Configurações > E-mail. */
export const emailStrings = {
  title: 'E-mail',
};
