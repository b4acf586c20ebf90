import { hash, verify } from "@node-rs/argon2";
import { invalid } from "../../errors.js";
import { isCommonPassword } from "./common-passwords.js";

// Argon2id (the library default) with OWASP's recommended memory and time cost.
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

let dummyHash: Promise<string> | undefined;

/** Hash a new password after refusing common ones. */
export async function hashNewPassword(password: string, field = "password"): Promise<string> {
  if (isCommonPassword(password)) throw invalid(field, "this password is too common; please choose another");
  return hash(password, OPTIONS);
}

/** Verify a password; with no stored hash, spend the same time so unknown emails are not revealed. */
export async function verifyPassword(stored: string | undefined, password: string): Promise<boolean> {
  if (!stored) {
    dummyHash ??= hash("not-a-real-password-but-long", OPTIONS);
    await verify(await dummyHash, password).catch(() => false);
    return false;
  }
  return verify(stored, password).catch(() => false);
}
