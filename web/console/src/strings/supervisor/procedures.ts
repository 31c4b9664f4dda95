/** Configurações > Procedimentos. */
export const proceduresStrings = {
  title: 'Procedimentos',
};
