import "server-only";
import { getDb } from "@/lib/db/client";
import { AppError, validationError } from "@/lib/errors";
import { addInvitationsSchema, candidateSchema } from "@/lib/schemas/invitation";
import { assertLiveAccount, lockOwnedInterview } from "@/lib/server/interviews/owned-interview";
import { newLinkToken } from "@/lib/server/interviews/public-link";
import { assertCandidateSlots } from "@/lib/server/quotas/enforce-quota";
import { isPastDeadline, republishInterview } from "./owned-invitation";

export type AddInvitationResult = {
  email: string;
  name: string;
  status: "invited" | "error";
  message?: string;
  invitationId?: string;
};

/**
 * Invites candidates to one of the actor's interviews: one result per candidate, in input
 * order. A malformed email, a duplicate within the list and someone already on the interview
 * are errors on their line; the valid lines are invited together or, past the plan's
 * candidates-per-interview limit, not at all (403 QUOTA_EXCEEDED with the usage).
 *
 * Emails go out from the send-invitations consumer: for a published interview,
 * interview.published is published again in this transaction (decision 0004); invitations to
 * a draft wait for its publication.
 */
export async function addInvitations({
  actor,
  interviewId,
  input,
  requestId,
}: {
  actor: { id: string };
  interviewId: unknown;
  input: unknown;
  requestId?: string;
}): Promise<{ results: AddInvitationResult[] }> {
  const parsed = addInvitationsSchema.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error);

  const results: AddInvitationResult[] = [];
  const firstIndex = new Map<string, number>();
  const valid: { index: number; email: string; name: string }[] = [];
  for (const [index, raw] of parsed.data.candidates.entries()) {
    const one = candidateSchema.safeParse(raw);
    if (!one.success) {
      results.push({ email: raw.email.trim(), name: (raw.name ?? "").trim(), status: "error", message: one.error.issues[0]?.message ?? "Invalid candidate." });
      continue;
    }
    const email = one.data.email;
    const name = one.data.name || email.split("@")[0]!;
    const seen = firstIndex.get(email);
    if (seen !== undefined) {
      results.push({ email, name, status: "error", message: `Listed twice: the same email is candidate #${seen + 1} of this list.` });
      continue;
    }
    firstIndex.set(email, index);
    results.push({ email, name, status: "invited" });
    valid.push({ index, email, name });
  }

  const db = await getDb();
  return db.$transaction(async (tx) => {
    await assertLiveAccount(tx, actor);
    const interview = await lockOwnedInterview(tx, actor, interviewId);
    if (interview.status === "closed" || interview.status === "completed") {
      throw new AppError("CONFLICT", "This interview is closed: candidates can no longer be invited.");
    }
    if (interview.status === "published" && isPastDeadline(interview)) {
      throw new AppError("CONFLICT", "The deadline of this interview has passed: extend it before inviting candidates.");
    }

    const existing = valid.length
      ? await tx.invitation.findMany({
          where: { interviewId: interview.id, email: { in: valid.map((v) => v.email) } },
          select: { email: true, status: true },
        })
      : [];
    const existingStatus = new Map(existing.map((e) => [e.email, e.status]));
    const toCreate = valid.filter((v) => {
      const status = existingStatus.get(v.email);
      if (status === undefined) return true;
      results[v.index] = {
        ...results[v.index]!,
        status: "error",
        message: status === "revoked" ? "This candidate's invitation was revoked." : "Already invited to this interview.",
      };
      return false;
    });

    await assertCandidateSlots(tx, actor.id, interview.id, toCreate.length);
    if (toCreate.length === 0) return { results };

    const totalQuestions = interview.currentVersionId
      ? await tx.question.count({ where: { versionId: interview.currentVersionId } })
      : 0;
    const created = await tx.invitation.createManyAndReturn({
      data: toCreate.map((v) => ({
        interviewId: interview.id,
        email: v.email,
        name: v.name,
        token: newLinkToken(),
        source: "invite",
        status: "invited" as const,
        emailStatus: "pending" as const,
        totalQuestions,
      })),
      select: { id: true, email: true },
    });
    const ids = new Map(created.map((c) => [c.email, c.id]));
    for (const v of toCreate) results[v.index] = { ...results[v.index]!, invitationId: ids.get(v.email) };

    await republishInterview(tx, interview, requestId);
    return { results };
  });
}
