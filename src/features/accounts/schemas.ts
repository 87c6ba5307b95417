// Route schemas for accounts. Form fields are optional strings: the handlers check meaning and
// re-render the form with friendly messages; the schema only refuses what no form sends.
import { Type } from 'typebox';

const field = Type.Optional(Type.String({ maxLength: 10_000 }));

export const SignInBody = Type.Object({ email: field, password: field, next: field, _csrf: field });
export const SignInQuery = Type.Object({ next: Type.Optional(Type.String({ maxLength: 2000 })) });
export const SignOnStartQuery = Type.Object({
  next: Type.Optional(Type.String({ maxLength: 2000 })),
  invitation: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
});
/** What a provider sends back: a code and the state, or an error. Anything else is ignored, never refused outright. */
export const SignOnCallbackQuery = Type.Object({
  code: Type.Optional(Type.String({ maxLength: 4000 })),
  state: Type.Optional(Type.String({ maxLength: 2000 })),
  iss: Type.Optional(Type.String({ maxLength: 2000 })),
  error: Type.Optional(Type.String({ maxLength: 200 })),
  error_description: Type.Optional(Type.String({ maxLength: 2000 })),
});
export const EmailBody = Type.Object({ email: field, _csrf: field });
export const TokenParams = Type.Object({ token: Type.String({ minLength: 1, maxLength: 200 }) });
export const NewPasswordBody = Type.Object({ password: field, confirm: field, _csrf: field });
export const InviteBody = Type.Object({
  email: field,
  displayName: field,
  roles: Type.Optional(Type.Union([Type.String({ maxLength: 50 }), Type.Array(Type.String({ maxLength: 50 }), { maxItems: 10 })])),
  _csrf: field,
});
export const AccountParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
export const RolesBody = Type.Object({
  roles: Type.Optional(Type.Union([Type.String({ maxLength: 50 }), Type.Array(Type.String({ maxLength: 50 }), { maxItems: 10 })])),
  _csrf: field,
});
export const SuspendBody = Type.Object({ reason: field, _csrf: field });
export const CsrfOnlyBody = Type.Object({ _csrf: field });
export const SecondFactorQuery = Type.Object({ next: Type.Optional(Type.String({ maxLength: 2000 })) });
export const CodeBody = Type.Object({ code: field, next: field, _csrf: field });
/** A browser's WebAuthn answer, as @simplewebauthn/server reads it (it checks every part). */
export const PasskeyBody = Type.Object({
  response: Type.Object({ id: Type.String({ maxLength: 2000 }), rawId: Type.String({ maxLength: 2000 }), type: Type.String({ maxLength: 50 }), response: Type.Record(Type.String(), Type.Unknown()) }, { additionalProperties: true }),
  label: Type.Optional(Type.String({ maxLength: 100 })),
  next: Type.Optional(Type.String({ maxLength: 2000 })),
});
export const FactorParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

/** A GOV.UK Notify delivery receipt (its documented callback message); other keys it adds are ignored. */
export const NotifyDeliveryReceipt = Type.Object(
  {
    id: Type.String({ minLength: 1, maxLength: 100, description: 'Notify’s id for the message' }),
    reference: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()], { description: 'The outbox id withme sent it with' })),
    to: Type.Optional(Type.String({ maxLength: 1000 })),
    status: Type.String({ minLength: 1, maxLength: 100, description: 'delivered, permanent-failure, temporary-failure or technical-failure' }),
    created_at: Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Null()])),
    completed_at: Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Null()])),
    sent_at: Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Null()])),
    notification_type: Type.Optional(Type.String({ maxLength: 20 })),
  },
  { additionalProperties: true },
);
export const ApiProblem = Type.Object({ statusCode: Type.Integer(), error: Type.String(), message: Type.String() });

/** A search of the lead's accounts list, from a form that works without JavaScript (GET). Long text is cut, never refused. */
export const AccountsQuery = Type.Object({ q: Type.Optional(Type.String()) });
