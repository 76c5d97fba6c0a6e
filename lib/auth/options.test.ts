import { describe, expect, it } from "vitest";
import { nextAuthUrlEnv, signInErrorCode } from "./options";
import { AppError } from "@/lib/errors";
import { TooManyAttemptsError } from "./rate-limit";
import { readableAuthError } from "@/components/auth/sign-in-form";

describe("next-auth's public URL", () => {
  it("is APP_URL when set, and always in production", () => {
    expect(nextAuthUrlEnv({ appUrl: "https://x.example", appUrlConfigured: true, nodeEnv: "development" })).toEqual({ NEXTAUTH_URL: "https://x.example" });
    expect(nextAuthUrlEnv({ appUrl: "http://localhost:3000", appUrlConfigured: false, nodeEnv: "production" })).toEqual({ NEXTAUTH_URL: "http://localhost:3000" });
  });
  it("comes from the request in development without APP_URL (not port 3000 whatever the port)", () => {
    expect(nextAuthUrlEnv({ appUrl: "http://localhost:3000", appUrlConfigured: false, nodeEnv: "development" })).toEqual({ AUTH_TRUST_HOST: "1" });
  });
});

describe("sign-in error codes", () => {
  it("travel as codes, not text", () => {
    expect(signInErrorCode(new TooManyAttemptsError(42, "Too many…"))).toBe("RateLimited:42");
    expect(signInErrorCode(new AppError("UNAUTHORIZED", "Wrong email or password."))).toBe("CredentialsSignin");
    expect(signInErrorCode(new AppError("FORBIDDEN", "This account was deleted."))).toBe("AccountDeleted");
  });
  it("and the sign-in page shows only fixed messages for them", () => {
    expect(readableAuthError("RateLimited:42")).toBe("Too many failed sign-in attempts. Try again in 42 seconds.");
    expect(readableAuthError("CredentialsSignin")).toBe("Wrong email or password.");
    expect(readableAuthError("Your account is suspended, call +1 555 0100")).toBe("Sign-in failed. Try again.");
    expect(readableAuthError("toString")).toBe("Sign-in failed. Try again.");
  });
});
