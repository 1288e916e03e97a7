// Why a single sign-on was refused: each reason has its page, in English and Spanish, and its HTTP status.
export type SsoRefusalReason =
  | 'not_configured'
  | 'expired'
  | 'invalid_response'
  | 'provider_error'
  | 'unknown_person'
  | 'disabled'
  | 'replayed';

export class SsoRefusal extends Error {
  readonly reason: SsoRefusalReason;
  constructor(reason: SsoRefusalReason, detail: string) {
    super(detail);
    this.name = 'SsoRefusal';
    this.reason = reason;
  }
}
