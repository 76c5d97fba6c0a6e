import "server-only";
import type { z } from "zod";
import { AppError, validationError } from "@/lib/errors";

/**
 * Parses a strict body: not an object, or a field the operation does not know (a typo such as
 * "desicion" would otherwise be ignored and the caller believe it saved), is a 400 naming
 * what is accepted; a known field with a bad value is the usual 422 with the field's message.
 */
export function parseStrictBody<S extends z.ZodType>(schema: S, input: unknown, accepted: readonly string[]): z.output<S> {
  const fields = accepted.join(", ");
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    throw new AppError("BAD_REQUEST", `Send a JSON object with any of: ${fields}.`);
  }
  const unknown = Object.keys(input).filter((k) => !accepted.includes(k));
  if (unknown.length > 0) {
    const names = unknown.slice(0, 5).map((k) => JSON.stringify(k.slice(0, 40))).join(", ");
    throw new AppError("BAD_REQUEST", `Unknown field${unknown.length > 1 ? "s" : ""} ${names}: send only ${fields}.`);
  }
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error);
  return parsed.data;
}
