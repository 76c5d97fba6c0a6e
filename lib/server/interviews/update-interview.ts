import "server-only";
import { AppError, validationError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { updateInterviewSchema } from "@/lib/schemas/interview";
import { assertFutureDeadline } from "./deadline";
import { publishDeadlineChange } from "./extend-deadline";
import { readInterviewView, type InterviewView } from "./interview-dto";
import { withLockedInterview, type InterviewCommand } from "./owned-interview";
import { replaceQuestions, sameQuestions, writeVersion } from "./versions";

/**
 * PATCH an interview. Title, description, language and intro can always be edited.
 *
 * Questions: while the current version has never been offered to candidates (a draft, or a
 * version written while the interview was closed) it is edited in place. Once it was published
 * it is immutable: a change writes version N+1 (published at once if the interview is
 * published) and makes it current; sessions that started on an older version keep its
 * questions. The same list again writes nothing. A completed interview's questions are final.
 *
 * The deadline: free on a draft (in the future, or cleared); on a published or closed
 * interview it works like extend-deadline (published: interview.published again with the new
 * expiresAt, so reminders are rescheduled); a completed interview's deadline is final.
 * Plain edits publish no event (the catalog has none for them).
 */
export async function updateInterview({
  actor,
  interviewId,
  input,
  requestId,
}: InterviewCommand & { input: unknown }): Promise<InterviewView> {
  const parsed = updateInterviewSchema.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error);
  const { questions, deadline, ...fields } = parsed.data;

  return withLockedInterview(actor, interviewId, async (tx, interview) => {
    const data: Prisma.InterviewUpdateInput = { ...fields };

    let deadlineChanged = false;
    if (deadline !== undefined && (deadline?.getTime() ?? null) !== (interview.expiresAt?.getTime() ?? null)) {
      if (interview.status === "completed") {
        throw new AppError("CONFLICT", "This interview is completed; its deadline can no longer change.");
      }
      if (deadline) assertFutureDeadline(deadline);
      else if (interview.status === "closed") {
        // A closed interview only lets started candidates finish, by its deadline.
        const msg = "A closed interview keeps a deadline: give a new date instead of clearing it.";
        throw new AppError("VALIDATION", msg, { deadline: [msg] });
      }
      data.expiresAt = deadline;
      deadlineChanged = true;
    }

    if (questions) {
      const current = interview.currentVersionId
        ? await tx.interviewVersion.findUniqueOrThrow({
            where: { id: interview.currentVersionId },
            include: { questions: true },
          })
        : null;
      if (!current || !sameQuestions(current.questions, questions)) {
        if (interview.status === "completed") {
          throw new AppError("CONFLICT", "This interview is completed; its questions can no longer change. Duplicate it to reuse them.");
        }
        if (current && !current.publishedAt) {
          await replaceQuestions(tx, interview.id, current.id, questions);
        } else {
          const last = await tx.interviewVersion.aggregate({ where: { interviewId: interview.id }, _max: { number: true } });
          const next = await writeVersion(
            tx,
            interview.id,
            (last._max.number ?? 0) + 1,
            questions,
            interview.status === "published" ? new Date() : null,
          );
          data.currentVersionId = next.id;
        }
        // Touch updatedAt even when only the questions changed.
        data.updatedAt = new Date();
      }
    }

    if (Object.keys(data).length > 0) await tx.interview.update({ where: { id: interview.id }, data });
    if (deadlineChanged && interview.status === "published") {
      await publishDeadlineChange(tx, { ...interview, expiresAt: data.expiresAt as Date | null }, requestId);
    }
    return readInterviewView(tx, interview.id);
  });
}
