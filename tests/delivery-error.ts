// The expected error an email sender threw: fails the test unless `promise` rejects with an EmailDeliveryError.
import { expect } from "vitest";
import { EmailDeliveryError } from "@/lib/adapters/email/errors";

export async function deliveryFailure(promise: Promise<unknown>): Promise<EmailDeliveryError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(EmailDeliveryError);
  return err as EmailDeliveryError;
}
