/**
 * One task of a procedure as the procedures API takes it: every action off, then `actions`
 * (e.g. `{ sendEmail: true, emailTemplateId: 3 }`).
 */
export function task(name: string, actions: Record<string, unknown> = {}) {
  return {
    name,
    sendWhatsapp: false,
    templateId: null,
    bindings: {},
    sendEmail: false,
    emailFallback: false,
    emailTemplateId: null,
    notifyTeam: false,
    closeTicket: false,
    resendOnReentry: false,
    ...actions,
  };
}
