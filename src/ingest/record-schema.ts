import { type Static, Type } from '@sinclair/typebox';

/**
 * The record a source sends (fixed contract, see BRIEF): the shape of the PUT body, of each
 * batch item and of what a raw-payload mapping must produce.
 */
const FieldValue = Type.Union([Type.String({ maxLength: 10_000 }), Type.Number(), Type.Boolean(), Type.Null()]);

export const CustomerInput = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    phones: Type.Array(Type.String({ maxLength: 40 }), { maxItems: 10 }),
    email: Type.Optional(Type.Union([Type.String({ maxLength: 254 }), Type.Null()])),
  },
  { additionalProperties: false },
);

export const RecordInput = Type.Object(
  {
    state: Type.Union([Type.Literal('open'), Type.Literal('closed')]),
    status: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])),
    occurredAt: Type.String({
      maxLength: 40,
      description: 'ISO 8601 date-time with offset, e.g. 2026-11-20T09:41:07-03:00',
    }),
    customer: CustomerInput,
    fields: Type.Record(Type.String({ maxLength: 100 }), FieldValue, {
      description: 'processNumber, issuedAt, productDescription, problem, and any other field of the source',
      maxProperties: 100,
    }),
    critical: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type RecordInput = Static<typeof RecordInput>;

export const ExternalId = Type.String({ minLength: 1, maxLength: 200 });
export const SourceName = Type.String({ minLength: 1, maxLength: 63, pattern: '^[a-z0-9][a-z0-9._-]*$' });

export const RecordParams = Type.Object({ source: SourceName, externalId: ExternalId });

export const RecordResult = Type.Object({
  id: Type.Integer(),
  protocol: Type.String(),
  source: Type.String(),
  externalId: Type.String(),
  state: Type.Union([Type.Literal('open'), Type.Literal('closed')]),
  status: Type.Union([Type.String(), Type.Null()]),
  critical: Type.Boolean(),
  trackingUrl: Type.String(),
  applied: Type.Boolean({ description: 'false when the event is older than the last one applied' }),
  changed: Type.Boolean({ description: 'true when the event changed the ticket' }),
});
export type RecordResult = Static<typeof RecordResult>;

export const ErrorResponse = Type.Object({
  code: Type.String(),
  message: Type.String(),
  field: Type.Optional(Type.String()),
});

export const BatchItem = Type.Composite([Type.Object({ externalId: ExternalId }), RecordInput], {
  additionalProperties: false,
});

export const BatchBody = Type.Object({
  records: Type.Array(Type.Unknown(), { minItems: 1, description: 'Up to 1,000 records, each with its externalId' }),
});

export const BatchResult = Type.Object({
  results: Type.Array(
    Type.Object({
      index: Type.Integer(),
      status: Type.Integer({ description: 'The status the single call would answer: 200, 201 or 4xx' }),
      externalId: Type.Optional(Type.String()),
      result: Type.Optional(RecordResult),
      error: Type.Optional(ErrorResponse),
    }),
  ),
});
