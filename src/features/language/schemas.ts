import { Type } from 'typebox';

export const MAX_TEXT = 100_000;

export const CheckFormBody = Type.Object({ text: Type.Optional(Type.String()), _csrf: Type.Optional(Type.String()) });

export const CheckApiBody = Type.Object(
  {
    text: Type.String({ maxLength: MAX_TEXT }),
    personId: Type.Optional(Type.String({ format: 'uuid' })),
    documentKind: Type.Optional(Type.Union([Type.Literal('person'), Type.Literal('service-document')])),
  },
  { additionalProperties: false },
);

const FindingSchema = Type.Object({
  ruleId: Type.String(),
  category: Type.String(),
  severity: Type.Union([Type.Literal('block'), Type.Literal('warn'), Type.Literal('info')]),
  start: Type.Integer(),
  end: Type.Integer(),
  line: Type.Integer(),
  column: Type.Integer(),
  message: Type.String(),
  reason: Type.String(),
  suggestions: Type.Array(Type.String()),
  fix: Type.Optional(Type.Object({ start: Type.Integer(), end: Type.Integer(), replacement: Type.String() })),
});

export const CheckApiResponse = Type.Object({ words: Type.Integer(), findings: Type.Array(FindingSchema) });

export const ApiError = Type.Object({ statusCode: Type.Integer(), error: Type.String(), message: Type.String() });

/** A search of the guide, from a form that works without JavaScript (GET). Long text is cut, never refused. */
export const GuideQuery = Type.Object({ q: Type.Optional(Type.String()) });
