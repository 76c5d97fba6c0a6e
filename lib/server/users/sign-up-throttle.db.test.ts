import { describe, expect, it } from "vitest";
import { MAX_SIGN_UPS_PER_IP, type TooManyAttemptsError } from "@/lib/auth/rate-limit";
import { AppError } from "@/lib/errors";
import { signUp } from "./sign-up";
import { createAccount, PASSWORD, uniqueEmail } from "@/tests/fixtures";

const input = (email = uniqueEmail("su")) => ({ fullName: "Probe", email, password: PASSWORD });

describe("sign-up throttle", () => {
  it("slows one address after a few sign-ups, taken emails included, and not another address", async () => {
    const ip = "198.51.100.40";
    const taken = await createAccount();
    // Probing taken emails counts like creating accounts.
    for (let i = 0; i < MAX_SIGN_UPS_PER_IP; i++) {
      const email = i % 2 ? taken.email : uniqueEmail("su");
      await signUp({ input: input(email), ip }).catch((e: unknown) => {
        if (!(e instanceof AppError) || e.status !== 409) throw e;
      });
    }
    const err = (await signUp({ input: input(), ip }).catch((e: unknown) => e)) as TooManyAttemptsError;
    expect(err).toBeInstanceOf(AppError);
    expect(err.status).toBe(429);
    expect(err.retryAfterSeconds).toBeGreaterThan(0);
    expect(err.message).toMatch(/Too many sign-ups from your network/);
    await expect(signUp({ input: input(), ip: "198.51.100.41" })).resolves.toBeTruthy();
  });

  it("invalid input does not count (nothing was probed)", async () => {
    const ip = "198.51.100.42";
    for (let i = 0; i < MAX_SIGN_UPS_PER_IP + 2; i++) {
      await signUp({ input: { fullName: "", email: "nope", password: "x" }, ip }).catch(() => {});
    }
    await expect(signUp({ input: input(), ip })).resolves.toBeTruthy();
  });
});
