// Which signatures still count (decision 0003): a signature binds to the version signed and counts until the
// next major change; the one rule behind what the plan offers to sign, what signing accepts, and activation.
import type { SignatureRow } from './aggregate.ts';

export type SignerRole = SignatureRow['role'];
export const signerRoles: readonly SignerRole[] = ['employee', 'manager', 'hr'];

type Signed = Pick<SignatureRow, 'version' | 'role' | 'isRefused' | 'witnessedAt'>;

/** Minor changes (a task's date, a contact) keep a signature; only a later major change voids it. */
export const isSignatureCurrent = (signature: Pick<SignatureRow, 'version'>, majorVersion: number): boolean =>
  signature.version >= majorVersion;

export const currentSignatures = <S extends Pick<SignatureRow, 'version'>>(
  signatures: readonly S[],
  majorVersion: number,
): S[] => signatures.filter((s) => isSignatureCurrent(s, majorVersion));

/** Has this role acted on the version that counts? A refusal is the employee's act too: they do not also sign. */
export const hasSigned = (signatures: readonly Signed[], majorVersion: number, role: SignerRole): boolean =>
  currentSignatures(signatures, majorVersion).some((s) => s.role === role);

/** The roles still to sign the version that counts. */
export const rolesToSign = (signatures: readonly Signed[], majorVersion: number): SignerRole[] =>
  signerRoles.filter((role) => !hasSigned(signatures, majorVersion, role));

/** Everyone stands on the version that counts: the employee signed (or refused before an HR witness), manager and HR signed. */
export function isFullySigned(signatures: readonly Signed[], majorVersion: number): boolean {
  const current = currentSignatures(signatures, majorVersion);
  const hasEmployee = current.some((s) => s.role === 'employee' && (!s.isRefused || s.witnessedAt !== null));
  return hasEmployee && current.some((s) => s.role === 'manager') && current.some((s) => s.role === 'hr');
}
