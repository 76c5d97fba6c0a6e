import "server-only";
import { getDb } from "@/lib/db/client";
import { AppError, isUniqueViolation, validationError } from "@/lib/errors";
import { publish } from "@/lib/events/publish";
import { textAnswerSchema } from "@/lib/schemas/candidate";
import { assertAcceptsAnswers, lockSessionBySecret, SESSION_COMPLETED } from "./session-access";

export const QUESTION_NOT_FOUND = "This question is not part of your interview.";
export const ALREADY_ANSWERED = "This question has already been answered.";

/**
 * The candidate's answer to a text question of their pinned version: once per question (409
 * after), at most the question's maxCharacters, text without control characters. Stored as a
 * ready Response and announced with candidate.response_submitted in the same transaction.
 * The session is locked, so two tabs submitting at once store one answer.
 */
export async function submitTextAnswer({
  token,
  secret,
  questionId,
  text,
  requestId,
}: {
  token: unknown;
  secret: unknown;
  questionId: unknown;
  text: unknown;
  requestId?: string;
}): Promise<{ responseId: string }> {
  const db = await getDb();
  try {
    return await db.$transaction(async (tx) => {
      const session = await lockSessionBySecret(tx, token, secret);
      if (session.status === "completed") throw new AppError("CONFLICT", SESSION_COMPLETED);
      assertAcceptsAnswers(session.interview);
      const parsed = textAnswerSchema.safeParse({ questionId, text });
      if (!parsed.success) {
        if (parsed.error.issues.some((i) => i.path[0] === "questionId")) throw new AppError("NOT_FOUND", QUESTION_NOT_FOUND);
        throw validationError(parsed.error);
      }
      const question = session.versionId
        ? await tx.question.findFirst({ where: { id: parsed.data.questionId, versionId: session.versionId } })
        : null;
      if (!question) throw new AppError("NOT_FOUND", QUESTION_NOT_FOUND);
      if (question.type !== "text") throw new AppError("BAD_REQUEST", "This question is answered with a video, not with text.");
      const max = question.maxCharacters;
      if (max !== null && parsed.data.text.length > max) {
        const message = `Keep your answer within ${max} characters (it has ${parsed.data.text.length}).`;
        throw new AppError("VALIDATION", message, { text: [message] });
      }
      const done = await tx.response.findFirst({ where: { sessionId: session.id, questionId: question.id } });
      if (done) throw new AppError("CONFLICT", ALREADY_ANSWERED);
      const now = new Date();
      const response = await tx.response.create({
        data: { sessionId: session.id, questionId: question.id, attempt: 1, status: "ready", textAnswer: parsed.data.text, submittedAt: now },
      });
      await publish(tx, {
        eventType: "candidate.response_submitted",
        sessionId: session.id,
        data: { responseId: response.id, questionId: question.id, mediaFileId: null, duration: 0 },
        correlationId: requestId,
      });
      return { responseId: response.id };
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError("CONFLICT", ALREADY_ANSWERED);
    throw err;
  }
}
