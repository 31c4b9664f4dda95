/** Configurações > WhatsApp. */
export const whatsappStrings = {
  title: 'WhatsApp',
};
