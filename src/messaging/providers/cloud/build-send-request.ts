import type { OutgoingTemplateMessage } from '../provider.js';
import type { CloudSendTemplateRequest, CloudTemplateComponent } from './wire-types.js';

/** Ponte's template message as the body of `POST /{phone-number-id}/messages`. */
export function buildSendRequest(message: OutgoingTemplateMessage): CloudSendTemplateRequest {
  const components: CloudTemplateComponent[] = [];
  if (message.bodyParameters.length > 0) {
    components.push({
      type: 'body',
      parameters: message.bodyParameters.map((parameter) =>
        // Named templates ({{customer_name}}) reject parameters without parameter_name (#100).
        parameter.name
          ? { type: 'text', parameter_name: parameter.name, text: parameter.text }
          : { type: 'text', text: parameter.text },
      ),
    });
  }
  // Meta rejects an empty parameter text, so an empty suffix means "no dynamic URL button".
  if (message.urlButtonSuffix) {
    components.push({
      type: 'button',
      sub_type: 'url',
      index: '0',
      parameters: [{ type: 'text', text: message.urlButtonSuffix }],
    });
  }
  return {
    messaging_product: 'whatsapp',
    recipient_type: 'individual',
    // Meta accepts "+55 19 …" too, but digits only leave no room for a BSP proxy to misread it.
    to: message.to.replace(/\D/g, ''),
    type: 'template',
    template: {
      name: message.templateName,
      language: { code: message.language },
      ...(components.length > 0 ? { components } : {}),
    },
    biz_opaque_callback_data: message.messageId,
  };
}
