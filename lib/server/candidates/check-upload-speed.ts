import "server-only";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { countCapped } from "@/lib/read-capped";
import { assertAcceptsAnswers, lockSessionBySecret, SESSION_COMPLETED } from "./session-access";

/** The most a speed check may send: the page sends 512 KB; more is refused with 413. */
export const SPEED_CHECK_LIMIT = 1024 * 1024;
const TOO_LARGE = `The speed check sends at most ${SPEED_CHECK_LIMIT / 1024} KB.`;

/**
 * The device check's upload test (/i/<token>/speed-check): a candidate whose session may still
 * answer sends some random bytes, which are counted and thrown away (nothing is stored or kept in
 * memory). The browser times the request; the answer says how many bytes arrived and how long
 * the server spent reading them. 404 without a session of this link, 410/409 when it may not
 * answer any more, 413 past SPEED_CHECK_LIMIT.
 */
export async function checkUploadSpeed({
  token,
  secret,
  declaredLength,
  body,
}: {
  token: unknown;
  secret: unknown;
  declaredLength: string | null;
  body: ReadableStream<Uint8Array> | null;
}): Promise<{ bytes: number; milliseconds: number }> {
  const db = await getDb();
  // Checked first, in a short transaction of its own: the body is read after it ends.
  await db.$transaction(async (tx) => {
    const session = await lockSessionBySecret(tx, token, secret);
    if (session.status === "completed") throw new AppError("CONFLICT", SESSION_COMPLETED);
    assertAcceptsAnswers(session.interview);
  });
  if (declaredLength !== null && /^\d+$/.test(declaredLength.trim()) && Number(declaredLength) > SPEED_CHECK_LIMIT) {
    throw new AppError("PAYLOAD_TOO_LARGE", TOO_LARGE);
  }
  const started = performance.now();
  let bytes: number | null;
  try {
    bytes = await countCapped(body, SPEED_CHECK_LIMIT);
  } catch {
    throw new AppError("BAD_REQUEST", "The request body could not be read. Try again.");
  }
  if (bytes === null) throw new AppError("PAYLOAD_TOO_LARGE", TOO_LARGE);
  return { bytes, milliseconds: Math.round(performance.now() - started) };
}
