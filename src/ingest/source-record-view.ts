import { Type } from '@sinclair/typebox';

const OptionalTime = Type.Union([Type.String({ format: 'date-time' }), Type.Null()]);

export const MessageViewSchema = Type.Object({
  id: Type.Integer(),
  channel: Type.Union([Type.Literal('whatsapp'), Type.Literal('email')]),
  template: Type.Union([Type.String(), Type.Null()]),
  status: Type.Union(
    ['queued', 'sending', 'sent', 'delivered', 'read', 'failed', 'not_sent'].map((s) => Type.Literal(s)),
  ),
  recipient: Type.Union([Type.String({ description: 'Masked, e.g. +5519*****5432' }), Type.Null()]),
  error: Type.Union([Type.String({ description: 'Why it failed or was not sent, in pt-BR' }), Type.Null()]),
  attempts: Type.Integer(),
  createdAt: Type.String({ format: 'date-time' }),
  sentAt: OptionalTime,
  deliveredAt: OptionalTime,
  readAt: OptionalTime,
  failedAt: OptionalTime,
});

/** The fixed GET record response: the ticket as its source sees it. */
export const SourceRecordView = Type.Object({
  id: Type.Integer(),
  protocol: Type.String(),
  source: Type.String(),
  externalId: Type.String(),
  state: Type.Union([Type.Literal('open'), Type.Literal('closed')]),
  status: Type.Union([Type.String(), Type.Null()]),
  critical: Type.Boolean(),
  fields: Type.Record(Type.String(), Type.Unknown()),
  customer: Type.Object({
    name: Type.String(),
    email: Type.Union([Type.String(), Type.Null()]),
    phones: Type.Array(Type.Object({ raw: Type.String(), e164: Type.Union([Type.String(), Type.Null()]) })),
  }),
  trackingUrl: Type.String(),
  lastEventAt: Type.String({ format: 'date-time' }),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
  closedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  timeline: Type.Array(
    Type.Object({
      type: Type.String(),
      text: Type.String({ description: 'pt-BR, as a person reads it' }),
      at: Type.String({ format: 'date-time' }),
    }),
    { description: 'Oldest first' },
  ),
  messages: Type.Array(MessageViewSchema, { description: 'Oldest first' }),
});
