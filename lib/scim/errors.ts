/**
 * SCIM errors (RFC 7644 §3.12). Every failure of the protocol core is a
 * ScimError; the route wrapper turns it into the Error JSON body, so no
 * other exception type ever needs to reach an IdP.
 */
import { URN } from './schemas/urns';

export type ScimType =
  | 'invalidFilter'
  | 'tooMany'
  | 'uniqueness'
  | 'mutability'
  | 'invalidSyntax'
  | 'invalidPath'
  | 'noTarget'
  | 'invalidValue'
  | 'invalidVers'
  | 'sensitive';

export class ScimError extends Error {
  readonly status: number;
  readonly scimType?: ScimType;

  constructor(status: number, detail: string, scimType?: ScimType) {
    super(detail);
    this.name = 'ScimError';
    this.status = status;
    this.scimType = scimType;
  }

  toJSON() {
    return {
      schemas: [URN.Error],
      status: String(this.status),
      ...(this.scimType ? { scimType: this.scimType } : {}),
      detail: this.message,
    };
  }
}

export const badRequest = (scimType: ScimType, detail: string) => new ScimError(400, detail, scimType);
export const notFound = (detail: string) => new ScimError(404, detail);
export const conflict = (detail: string) => new ScimError(409, detail, 'uniqueness');

export function isScimError(e: unknown): e is ScimError {
  return e instanceof ScimError;
}
