// Interviews, candidates and sessions for DB tests: interviews through the real use cases,
// candidate rows written directly (the candidate flow is a later issue).
import { randomBytes } from "node:crypto";
import { expect } from "vitest";
import { getDb } from "@/lib/db/client";
import type { CandidateStatus, SessionStatus } from "@/lib/generated/prisma/client";
import type { CreateInterviewInput } from "@/lib/schemas/interview";
import { createInterview } from "@/lib/server/interviews/create-interview";
import { deleteInterview } from "@/lib/server/interviews/delete-interview";
import { publishInterview } from "@/lib/server/interviews/publish-interview";
import { rejection } from "./app-error";
import { createAccount } from "./fixtures";

export const INTERVIEW: CreateInterviewInput = {
  title: "Backend Engineer",
  description: "Async screen.",
  questions: [
    { prompt: "Why this role?" },
    { prompt: "A hard bug?", type: "text", maxCharacters: 500, rubric: [{ name: "Depth", description: "Finds the cause", weight: 3 }] },
  ],
};

export function inDays(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString();
}

export async function draftInterview(actor: { id: string }, overrides: Partial<CreateInterviewInput> = {}) {
  return createInterview({ actor, input: { ...INTERVIEW, ...overrides } });
}

export async function publishedInterview(actor: { id: string }, overrides: Partial<CreateInterviewInput> = {}) {
  const draft = await draftInterview(actor, overrides);
  const { interview } = await publishInterview({ actor, interviewId: draft.id });
  return interview;
}

export async function addCandidate(
  interviewId: string,
  opts: { status?: CandidateStatus; source?: "invite" | "public"; email?: string } = {},
) {
  const db = await getDb();
  const status = opts.status ?? "invited";
  return db.invitation.create({
    data: {
      interviewId,
      source: opts.source ?? "invite",
      email: opts.email ?? `c-${randomBytes(4).toString("hex")}@example.com`,
      name: "Ada Candidate",
      token: randomBytes(32).toString("base64url"),
      status,
      completedAt: status === "completed" ? new Date() : null,
      revokedAt: status === "revoked" ? new Date() : null,
    },
  });
}

export async function addSession(
  interviewId: string,
  opts: { versionId?: string | null; invitationId?: string; status?: SessionStatus; rating?: number | null; readyAt?: Date | null } = {},
) {
  const db = await getDb();
  return db.candidateSession.create({
    data: {
      interviewId,
      invitationId: opts.invitationId,
      versionId: opts.versionId ?? null,
      candidateEmail: "c@example.com",
      candidateName: "Ada Candidate",
      status: opts.status ?? "started",
      rating: opts.rating ?? null,
      completedAt: opts.status === "completed" ? new Date() : null,
      readyAt: opts.readyAt ?? null,
    },
  });
}

export async function eventsOf(userId: string, eventType?: string) {
  const db = await getDb();
  return db.event.findMany({ where: { partitionKey: userId, ...(eventType ? { eventType } : {}) }, orderBy: { seq: "asc" } });
}

/**
 * Another account's interview, a deleted one of the actor's, an unknown id and a malformed one
 * are all the same 404 for `call`.
 */
export async function expectNotFoundForOthers(call: (actor: { id: string }, interviewId: string) => Promise<unknown>) {
  const owner = await createAccount();
  const other = await createAccount();
  const theirs = await draftInterview(owner);
  const gone = await draftInterview(other);
  await deleteInterview({ actor: other, interviewId: gone.id });
  for (const id of [theirs.id, gone.id, "2b1e4c3a-0000-4000-8000-000000000000", "not-a-uuid", "' OR 1=1 --"]) {
    const err = await rejection(call(other, id));
    expect(err.code, id).toBe("NOT_FOUND");
    expect(err.message).toBe("This interview does not exist or was deleted.");
  }
  return { owner, other, theirs };
}
