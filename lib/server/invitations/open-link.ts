// No "server-only" import: the candidate pages' getServerSideProps (Pages Router, pages/i/) read
// through this module, and Next refuses that package there; eslint.config.mjs keeps it out of
// client code instead.
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Interview, Question } from "@/lib/generated/prisma/client";

export const LINK_NOT_FOUND = "This link does not exist or is no longer valid.";
/** Token shape of newLinkToken(): base64url, at least 128 bits (22+ characters). */
export const LINK_TOKEN = /^[A-Za-z0-9_-]{22,128}$/;
/** A text answer's assumed writing time when estimating an interview's length. */
const TEXT_ANSWER_SECONDS = 180;

export type OpenedLink = {
  kind: "public" | "invitation";
  /** open: candidates may start; closed: HR closed it; expired: the deadline has passed. */
  state: "open" | "closed" | "expired";
  candidateName: string | null;
  /** The personal invitation's email (shown, fixed, on the consent form); null for the public link. */
  candidateEmail: string | null;
  interview: {
    title: string;
    companyName: string | null;
    introMessage: string | null;
    language: "en" | "ru";
    questionsCount: number;
    estimatedMinutes: number;
    deadline: string | null;
    /** Answers are analysed by AI: the consent page says so and asks for consent only then. */
    aiAnalysis: boolean;
  };
};

/** Minutes a candidate should set aside: thinking time plus the answer limit of each question. */
export function estimateMinutes(questions: Pick<Question, "type" | "thinkSeconds" | "maxSeconds">[]): number {
  const seconds = questions.reduce(
    (sum, q) => sum + q.thinkSeconds + (q.type === "video" ? (q.maxSeconds ?? 0) : TEXT_ANSWER_SECONDS),
    0,
  );
  return Math.max(1, Math.ceil(seconds / 60));
}

/**
 * What a candidate's link (/i/<token>) leads to: the public link of a published interview, or
 * a personal invitation. An unknown token, a deleted interview (or account), a draft and a
 * revoked invitation are all the same 404. Read-only: link scanners and chat previews fetch
 * the page too, so the candidate's visit is recorded by the page's script instead
 * (markInvitationOpened, ./mark-invitation-opened.ts, through a same-origin Server Action).
 */
export async function openLink({ token }: { token: unknown }): Promise<OpenedLink> {
  if (typeof token !== "string" || !LINK_TOKEN.test(token)) throw new AppError("NOT_FOUND", LINK_NOT_FOUND);
  const db = await getDb();
  const live = { deletedAt: null, status: { not: "draft" as const }, user: { deletedAt: null } };
  const include = { user: { select: { companyName: true } } } as const;

  let interview: (Interview & { user: { companyName: string | null } }) | null = await db.interview.findFirst({
    where: { publicToken: token, ...live },
    include,
  });
  let invitation: { id: string; name: string; email: string } | null = null;
  if (!interview) {
    const found = await db.invitation.findFirst({
      where: { token, status: { not: "revoked" }, interview: live },
      select: { id: true, name: true, email: true, interview: { include } },
    });
    if (!found) throw new AppError("NOT_FOUND", LINK_NOT_FOUND);
    interview = found.interview;
    invitation = { id: found.id, name: found.name, email: found.email };
  }

  const now = new Date();
  const state: OpenedLink["state"] =
    interview.status !== "published" ? "closed" : interview.expiresAt && interview.expiresAt <= now ? "expired" : "open";

  const questions = interview.currentVersionId
    ? await db.question.findMany({
        where: { versionId: interview.currentVersionId },
        select: { type: true, thinkSeconds: true, maxSeconds: true },
      })
    : [];
  return {
    kind: invitation ? "invitation" : "public",
    state,
    candidateName: invitation?.name ?? null,
    candidateEmail: invitation?.email ?? null,
    interview: {
      title: interview.title,
      companyName: interview.user.companyName,
      introMessage: interview.introMessage,
      language: interview.language === "ru" ? "ru" : "en",
      questionsCount: questions.length,
      estimatedMinutes: estimateMinutes(questions),
      deadline: interview.expiresAt?.toISOString() ?? null,
      aiAnalysis: interview.aiAnalysis,
    },
  };
}
