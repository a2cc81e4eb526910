/** Argon2id (OWASP's first choice) via @node-rs/argon2: prebuilt in the npm package, no download, no install script. */
import { hash, verify } from '@node-rs/argon2';

export const hashPassword = (password: string) => hash(password);

export async function checkPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// Compared against when the user does not exist, so timing does not reveal usernames.
let dummy: Promise<string> | undefined;
export const dummyHash = () => (dummy ??= hash('not-a-real-password-for-timing'));
