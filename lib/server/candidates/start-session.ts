import "server-only";
import { getDb, type Tx } from "@/lib/db/client";
import { AppError, validationError } from "@/lib/errors";
import type { Interview, Invitation } from "@/lib/generated/prisma/client";
import { publish } from "@/lib/events/publish";
import { ANALYSIS_CONSENT_REQUIRED, startSessionSchema, type StartSessionInput } from "@/lib/schemas/candidate";
import { cleanText } from "@/lib/schemas/text";
import { LINK_NOT_FOUND, LINK_TOKEN } from "@/lib/server/invitations/open-link";
import { newLinkToken } from "@/lib/server/interviews/public-link";
import { assertCandidateSlots, lockQuota } from "@/lib/server/quotas/enforce-quota";
import { assertAcceptsAnswers, assertInterviewOpen, hashSessionSecret, newSessionSecret, SESSION_COMPLETED } from "./session-access";

export const USE_PERSONAL_LINK = "This email was invited personally: open the link from your invitation email instead.";

export type StartedSession = {
  sessionId: string;
  /** Goes into the candidate's httpOnly cookie (path /i/<token>); only its sha256 is stored. */
  secret: string;
  /** false when an unfinished session of the same candidate was resumed. */
  created: boolean;
};

/**
 * The candidate agreed to the consents and starts (or resumes) the interview from a link: the
 * recording consent always, the AI analysis consent when the interview has AI analysis on (the
 * consent page asks for it only then).
 *
 * - Personal link: name and email are the invitation's (whatever the form sent).
 * - Public link: name and email are required; the first start of an email creates a candidate
 *   row (`source: "public"`, no email sent) within the plan's candidates-per-interview quota;
 *   the same email again resumes that row. An email that was invited personally must use its
 *   personal link (409): the public link plus an email is no credential for it.
 *
 * A new session pins the interview's current version, sets the row in_progress with
 * totalQuestions and publishes candidate.started. Resuming (another device, a lost cookie)
 * returns the same session with a NEW secret: the previous secret stops working, so the newest
 * device takes over and a stale tab is refused (404) instead of answering twice.
 *
 * Refused: without the consents (422); an unknown/revoked/draft/deleted link (404); past the
 * deadline, or a completed interview (410); a closed interview (410) unless the candidate had
 * already started (closing stops new sessions, those in progress may finish); a finished
 * session (409).
 */
export async function startSession({
  token,
  input,
  userAgent,
  requestId,
}: {
  token: unknown;
  input: unknown;
  userAgent?: string | null;
  requestId?: string;
}): Promise<StartedSession> {
  if (typeof token !== "string" || !LINK_TOKEN.test(token)) throw new AppError("NOT_FOUND", LINK_NOT_FOUND);
  const parsed = startSessionSchema.safeParse(input);
  // The body is judged only once the link is known: an unknown or dead link is the same 404
  // whatever was sent, so a stranger learns nothing from the answer.
  const valid = () => {
    if (!parsed.success) throw validationError(parsed.error);
    return parsed.data;
  };
  const agent = cleanText(userAgent ?? "", 500);

  const db = await getDb();
  return db.$transaction(async (tx) => {
    const live = { deletedAt: null, status: { not: "draft" as const }, user: { deletedAt: null } };
    const publicInterview = await tx.interview.findFirst({ where: { publicToken: token, ...live } });
    let interview: Interview;
    let invitation: Invitation;
    if (publicInterview) {
      interview = publicInterview;
      const { name, email, consent } = valid();
      assertConsents(interview, consent);
      if (!email) throw new AppError("VALIDATION", "Enter your email address.", { email: ["Enter your email address."] });
      if (!name) throw new AppError("VALIDATION", "Enter your name.", { name: ["Enter your name."] });
      // Serialises starts on this account's interviews: the quota check and the row's creation.
      await lockQuota(tx, interview.userId);
      const existing = await tx.invitation.findUnique({ where: { interviewId_email: { interviewId: interview.id, email } } });
      if (existing) {
        if (existing.status === "revoked") throw new AppError("NOT_FOUND", LINK_NOT_FOUND);
        if (existing.source !== "public") throw new AppError("CONFLICT", USE_PERSONAL_LINK);
        if (existing.status === "completed") throw new AppError("CONFLICT", SESSION_COMPLETED);
        assertAcceptsAnswers(interview);
        invitation = existing;
      } else {
        assertInterviewOpen(interview);
        await assertCandidateSlots(tx, interview.userId, interview.id, 1);
        invitation = await tx.invitation.create({
          data: { interviewId: interview.id, source: "public", email, name, token: newLinkToken(), status: "opened", emailStatus: "none", openedAt: new Date() },
        });
      }
    } else {
      const found = await tx.invitation.findFirst({
        where: { token, status: { not: "revoked" }, interview: live },
        include: { interview: true },
      });
      if (!found) throw new AppError("NOT_FOUND", LINK_NOT_FOUND);
      assertConsents(found.interview, valid().consent);
      ({ interview, ...invitation } = found);
      // A finished candidate hears that first, even once the interview has closed.
      if (invitation.status === "completed") throw new AppError("CONFLICT", SESSION_COMPLETED);
      assertAcceptsAnswers(interview);
    }
    // One start at a time per candidate row.
    await tx.$queryRaw`SELECT id FROM invitations WHERE id = ${invitation.id}::uuid FOR UPDATE`;
    // Asked (and given) only while the interview has AI analysis on: the analysis reads it.
    const aiConsent = interview.aiAnalysis && valid().consent.analysis === true;
    return startOrResume(tx, { interview, invitationId: invitation.id, agent, aiConsent, requestId });
  });
}

function assertConsents(interview: Pick<Interview, "aiAnalysis">, consent: StartSessionInput["consent"]): void {
  if (interview.aiAnalysis && consent.analysis !== true) {
    throw new AppError("VALIDATION", ANALYSIS_CONSENT_REQUIRED, { "consent.analysis": [ANALYSIS_CONSENT_REQUIRED] });
  }
}

async function startOrResume(
  tx: Tx,
  { interview, invitationId, agent, aiConsent, requestId }: { interview: Interview; invitationId: string; agent: string; aiConsent: boolean; requestId?: string },
): Promise<StartedSession> {
  const invitation = await tx.invitation.findUniqueOrThrow({ where: { id: invitationId } });
  if (invitation.status === "completed") throw new AppError("CONFLICT", SESSION_COMPLETED);
  const secret = newSessionSecret();
  const secretHash = hashSessionSecret(secret);
  const now = new Date();

  const existing = await tx.candidateSession.findFirst({ where: { invitationId }, orderBy: { startedAt: "desc" } });
  if (existing) {
    if (existing.status === "completed") throw new AppError("CONFLICT", SESSION_COMPLETED);
    await tx.candidateSession.update({
      where: { id: existing.id },
      data: { secretHash, ...(agent ? { userAgent: agent } : {}), ...(aiConsent && !existing.aiConsentAt ? { aiConsentAt: now } : {}) },
    });
    return { sessionId: existing.id, secret, created: false };
  }

  // A new session needs an interview open to new candidates; resuming only one that accepts answers.
  assertInterviewOpen(interview);
  const versionId = interview.currentVersionId;
  if (!versionId) throw new AppError("GONE", "This interview has no questions to answer.");
  const totalQuestions = await tx.question.count({ where: { versionId } });
  const session = await tx.candidateSession.create({
    data: {
      interviewId: interview.id,
      invitationId,
      versionId,
      candidateEmail: invitation.email,
      candidateName: invitation.name,
      locale: interview.language === "ru" ? "ru" : "en",
      userAgent: agent || null,
      consentAt: now,
      aiConsentAt: aiConsent ? now : null,
      secretHash,
      startedAt: now,
    },
  });
  await tx.invitation.update({
    where: { id: invitationId },
    data: {
      status: "in_progress",
      startedAt: invitation.startedAt ?? now,
      openedAt: invitation.openedAt ?? now,
      totalQuestions,
      answeredCount: 0,
    },
  });
  await publish(tx, {
    eventType: "candidate.started",
    sessionId: session.id,
    data: { interviewId: interview.id, candidateEmail: invitation.email, startedAt: now.toISOString(), userAgent: agent },
    correlationId: requestId,
  });
  return { sessionId: session.id, secret, created: true };
}
