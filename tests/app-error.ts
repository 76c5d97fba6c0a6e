// The expected error a use case threw: fails the test unless `promise` rejects with an AppError.
import { expect } from "vitest";
import { AppError } from "@/lib/errors";

export async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}
