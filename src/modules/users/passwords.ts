import { hash, verify } from '@node-rs/argon2';

// argon2id (the library's default algorithm) with its default cost: ~50 ms per hash here, slow
// enough to hurt offline guessing, fast enough for sign-in.

export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false; // a malformed stored hash must not let anyone in, nor crash sign-in
  }
}

// Verified against when the email is unknown, so "no such user" takes as long as "wrong password"
// and response timing does not reveal which emails have accounts.
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hash('not-a-real-password-just-timing');
  return dummyHash;
}
