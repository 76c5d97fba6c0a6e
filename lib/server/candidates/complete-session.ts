import "server-only";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { publish } from "@/lib/events/publish";
import { assertAcceptsAnswers, lockSessionBySecret } from "./session-access";

/**
 * The candidate finishes: every question of the pinned version has a submitted answer (409
 * naming how many are left otherwise). The session becomes completed and candidate.completed
 * is published, once: completing a completed session again returns it unchanged
 * (`completed: false`) and publishes nothing. The invitation row and the interview follow in
 * the session-status consumer.
 */
export async function completeSession({
  token,
  secret,
  requestId,
}: {
  token: unknown;
  secret: unknown;
  requestId?: string;
}): Promise<{ sessionId: string; completed: boolean; completedAt: string }> {
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const session = await lockSessionBySecret(tx, token, secret);
    if (session.status === "completed" && session.completedAt) {
      return { sessionId: session.id, completed: false, completedAt: session.completedAt.toISOString() };
    }
    assertAcceptsAnswers(session.interview);
    const questions = session.versionId ? await tx.question.findMany({ where: { versionId: session.versionId }, select: { id: true } }) : [];
    const responses = await tx.response.findMany({
      where: { sessionId: session.id, submittedAt: { not: null }, questionId: { in: questions.map((q) => q.id) } },
      select: { questionId: true, durationSeconds: true },
    });
    const answered = new Set(responses.map((r) => r.questionId));
    const left = questions.length - answered.size;
    if (left > 0) throw new AppError("CONFLICT", `${left} ${left === 1 ? "question is" : "questions are"} still unanswered.`);

    const now = new Date();
    await tx.candidateSession.update({
      where: { id: session.id },
      data: { status: "completed", completedAt: now, answeredCount: answered.size },
    });
    await publish(tx, {
      eventType: "candidate.completed",
      sessionId: session.id,
      data: {
        interviewId: session.interviewId,
        candidateEmail: session.candidateEmail,
        completedAt: now.toISOString(),
        responsesCount: answered.size,
        totalDuration: responses.reduce((sum, r) => sum + (r.durationSeconds ?? 0), 0),
      },
      correlationId: requestId,
    });
    return { sessionId: session.id, completed: true, completedAt: now.toISOString() };
  });
}
