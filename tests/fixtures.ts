import { randomBytes } from "node:crypto";
import { signUp } from "@/lib/server/users/sign-up";

export function uniqueEmail(prefix = "hr"): string {
  return `${prefix}-${randomBytes(5).toString("hex")}@example.com`;
}

export const PASSWORD = "correct horse battery";

export async function createAccount(overrides: { email?: string; fullName?: string; companyName?: string } = {}) {
  return signUp({
    input: {
      fullName: overrides.fullName ?? "Grace Hopper",
      companyName: overrides.companyName ?? "Navy",
      email: overrides.email ?? uniqueEmail(),
      password: PASSWORD,
    },
  });
}

/** A 1×1 transparent PNG. */
export const TINY_PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
  "base64",
);
