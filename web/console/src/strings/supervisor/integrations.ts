/** Configurações > Integrações. */
export const integrationsStrings = {
  title: 'Integrações',
};
