/** Configurações > Modelos (HSM). */
export const templatesStrings = {
  title: 'Modelos (HSM)',
};
