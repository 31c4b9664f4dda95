/**
 * Meta WhatsApp Cloud API wire shapes, as the Graph API sends and receives them. They stay in this
 * folder (and in modules that reuse this folder's functions, like Plinx): the rest of Ponte sees
 * only the types in ../provider.ts. Incoming shapes are typed loosely (everything optional)
 * because they are parsed from untrusted JSON and checked field by field.
 */

export interface CloudTextParameter {
  type: 'text';
  /** Only for templates created with parameter_format NAMED ({{customer_name}}). */
  parameter_name?: string;
  text: string;
}

export interface CloudBodyComponent {
  type: 'body';
  parameters: CloudTextParameter[];
}

export interface CloudUrlButtonComponent {
  type: 'button';
  sub_type: 'url';
  /** Meta's examples send the index as a string; some clients send a number, both are accepted. */
  index: string;
  parameters: CloudTextParameter[];
}

export type CloudTemplateComponent = CloudBodyComponent | CloudUrlButtonComponent;

export interface CloudSendTemplateRequest {
  messaging_product: 'whatsapp';
  recipient_type: 'individual';
  /** Digits only, country code first. */
  to: string;
  type: 'template';
  template: {
    name: string;
    language: { code: string };
    components?: CloudTemplateComponent[];
  };
  /** Echoed back on status webhooks; at most 512 characters. */
  biz_opaque_callback_data?: string;
}

export interface CloudSendResponse {
  messaging_product?: string;
  contacts?: { input?: string; wa_id?: string }[];
  messages?: { id?: string; message_status?: string }[];
}

/** Graph API error body, returned with any non-2xx status. */
export interface CloudErrorResponse {
  error?: {
    message?: string;
    type?: string;
    code?: number;
    error_subcode?: number;
    error_data?: { messaging_product?: string; details?: string };
    fbtrace_id?: string;
  };
}

/** One entry of `errors[]` on a failed status (or on value.errors). */
export interface CloudWebhookError {
  code?: number;
  title?: string;
  message?: string;
  error_data?: { details?: string };
  href?: string;
}

export interface CloudStatus {
  id?: string;
  status?: string;
  /** Unix seconds, as a string. */
  timestamp?: string;
  recipient_id?: string;
  biz_opaque_callback_data?: string;
  errors?: CloudWebhookError[];
}

export interface CloudInboundMessage {
  from?: string;
  id?: string;
  timestamp?: string;
  type?: string;
  text?: { body?: string };
  /** A quick-reply button of a template message. */
  button?: { text?: string; payload?: string };
  /** A reply to an interactive (non-template) message. */
  interactive?: {
    type?: string;
    button_reply?: { id?: string; title?: string };
    list_reply?: { id?: string; title?: string; description?: string };
  };
  context?: { from?: string; id?: string };
}

export interface CloudWebhookPayload {
  object?: string;
  entry?: {
    id?: string;
    changes?: {
      field?: string;
      value?: {
        messaging_product?: string;
        metadata?: { display_phone_number?: string; phone_number_id?: string };
        contacts?: { profile?: { name?: string }; wa_id?: string }[];
        statuses?: CloudStatus[];
        messages?: CloudInboundMessage[];
        errors?: CloudWebhookError[];
      };
    }[];
  }[];
}

export interface CloudTemplateComponentDefinition {
  type?: string;
  format?: string;
  text?: string;
  buttons?: { type?: string; text?: string; url?: string }[];
}

export interface CloudTemplateListResponse {
  data?: {
    id?: string;
    name?: string;
    language?: string;
    status?: string;
    category?: string;
    components?: CloudTemplateComponentDefinition[];
  }[];
  paging?: { cursors?: { before?: string; after?: string }; next?: string };
}
