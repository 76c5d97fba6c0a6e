// Test data for the candidate-flow tests, written with the real use cases.
import { getDb } from "@/lib/db/client";
import { addInvitations } from "@/lib/server/invitations/add-invitations";
import { hrWithInterview } from "@/lib/server/invitations/invitations.fixtures";
import { startSession } from "./start-session";

export const CONSENT = { recording: true, analysis: true } as const;

/** A published interview (one video, one text question) with candidates invited; their tokens by email. */
export async function interviewWithInvited(emails: string[], options: Parameters<typeof hrWithInterview>[0] = {}) {
  const { user, interview } = await hrWithInterview(options);
  if (emails.length > 0) {
    await addInvitations({ actor: user, interviewId: interview.id, input: { candidates: emails.map((email) => ({ email })) } });
  }
  const db = await getDb();
  const rows = await db.invitation.findMany({ where: { interviewId: interview.id } });
  const tokens = Object.fromEntries(rows.map((r) => [r.email, r.token]));
  const fresh = await db.interview.findUniqueOrThrow({ where: { id: interview.id } });
  return { user, interview: fresh, tokens };
}

export async function startPersonal(token: string) {
  return startSession({ token, input: { consent: CONSENT }, userAgent: "vitest" });
}

export async function questionsOf(versionId: string) {
  const db = await getDb();
  return db.question.findMany({ where: { versionId }, orderBy: { position: "asc" } });
}
