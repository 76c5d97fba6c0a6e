import { describe, expect, it } from "vitest";
import { signUpSchema, updateProfileSchema } from "./user";

const valid = { fullName: "Ada Lovelace", companyName: "Analytical Engines", email: "Ada@Example.com", password: "correct horse" };

describe("signUpSchema", () => {
  it("normalises email and empty company", () => {
    const out = signUpSchema.parse({ ...valid, companyName: "  " });
    expect(out.email).toBe("ada@example.com");
    expect(out.companyName).toBeNull();
  });

  it.each([
    ["email", { email: "not-an-email" }, "Enter a valid email address, like name@company.com."],
    ["password", { password: "short" }, "Use at least 10 characters."],
    ["fullName", { fullName: "x".repeat(101) }, "Keep your name under 100 characters."],
    ["fullName", { fullName: "   " }, "Enter your full name."],
  ])("rejects a bad %s with a readable message", (field, patch, message) => {
    const res = signUpSchema.safeParse({ ...valid, ...patch });
    expect(res.success).toBe(false);
    const issue = res.error!.issues.find((i) => i.path[0] === field);
    expect(issue?.message).toBe(message);
  });
});

describe("updateProfileSchema", () => {
  it("refuses unknown fields such as email", () => {
    expect(updateProfileSchema.safeParse({ email: "x@y.z" }).success).toBe(false);
  });
});
