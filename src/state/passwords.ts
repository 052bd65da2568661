/**
 * Password hashing: argon2id (RFC 9106) through @node-rs/argon2, whose prebuilt binary comes
 * from the npm registry as a per-platform optional dependency (no install script, no download
 * from elsewhere, no compiler). Parameters are the library's defaults, OWASP's minimum for
 * argon2id (19 MiB, 2 passes), which keeps a login under ~50 ms on the 2-core host.
 */
import { hash, verify, type Algorithm } from '@node-rs/argon2';

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;

/** Argon2id; stated explicitly because the library's `Algorithm` enum is a const enum. */
const ARGON2ID = 2 as Algorithm;

/** A Russian reason the password cannot be used, or undefined when it can. */
export function passwordProblem(password: string): string | undefined {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) return `пароль должен быть не короче ${MIN_PASSWORD_LENGTH} символов`;
  if (length > MAX_PASSWORD_LENGTH) return `пароль должен быть не длиннее ${MAX_PASSWORD_LENGTH} символов`;
  return undefined;
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, { algorithm: ARGON2ID });
}

// A login for an unknown account verifies against this, so it takes as long as a real one and
// the timing does not tell which logins exist.
let decoy: Promise<string> | undefined;

export async function verifyPassword(passwordHash: string | undefined, password: string): Promise<boolean> {
  if (password.length > MAX_PASSWORD_LENGTH * 4) return false;
  if (passwordHash === undefined) {
    decoy ??= hashPassword('decoy password for unknown logins');
    await verify(await decoy, password).catch(() => false);
    return false;
  }
  return verify(passwordHash, password).catch(() => false);
}
