"use server";

import { AppError } from "@/lib/errors";
import { MAX_CANDIDATES_TEXT_BYTES } from "@/lib/schemas/invitation";
import { addInvitations } from "@/lib/server/invitations/add-invitations";
import { decodeCandidatesFile, parseCandidates, type ParsedCandidate } from "@/lib/server/invitations/parse-candidates";
import { resendInvitation } from "@/lib/server/invitations/resend-invitation";
import { revokeInvitation } from "@/lib/server/invitations/revoke-invitation";
import { userAction } from "./safe-action";

/** One line of a paste or CSV file and what became of it. */
export type InviteLineResult = {
  line: number;
  name: string;
  email: string;
  status: "invited" | "error";
  message?: string;
};
export type InviteOutcome = { lines: InviteLineResult[]; invited: number; failed: number };

const tooLarge = () =>
  new AppError("PAYLOAD_TOO_LARGE", `The list is too large (the limit is ${MAX_CANDIDATES_TEXT_BYTES / 1024} KB, about 1,000 candidates).`);

async function invite(user: { id: string }, interviewId: unknown, rows: ParsedCandidate[], requestId: string): Promise<InviteOutcome> {
  const valid = rows.filter((r) => !r.error);
  const byIndex = new Map<number, InviteLineResult>();
  if (valid.length > 0) {
    const { results } = await addInvitations({
      actor: user,
      interviewId,
      input: { candidates: valid.map((r) => ({ email: r.email, name: r.name })) },
      requestId,
    });
    results.forEach((res, i) => {
      const row = valid[i]!;
      byIndex.set(row.line, { line: row.line, name: res.name, email: res.email, status: res.status, message: res.message });
    });
  }
  const lines = rows.map(
    (r): InviteLineResult => byIndex.get(r.line) ?? { line: r.line, name: r.name, email: r.email, status: "error", message: r.error },
  );
  const invited = lines.filter((l) => l.status === "invited").length;
  return { lines, invited, failed: lines.length - invited };
}

/** Pasted lines ("Name, email", "email", "Name <email>", or CSV with a header). */
export async function addInvitationsAction(interviewId: string, text: string) {
  return userAction(async ({ user, requestId }) => {
    if (typeof text !== "string") throw new AppError("BAD_REQUEST", "Paste the candidates as text.");
    if (Buffer.byteLength(text, "utf8") > MAX_CANDIDATES_TEXT_BYTES) throw tooLarge();
    if (!text.isWellFormed()) throw new AppError("BAD_REQUEST", "The text contains broken characters. Paste it again.");
    return invite(user, interviewId, parseCandidates(text, { source: "paste" }), requestId);
  });
}

/** A CSV file (field "file") for interview "interviewId": UTF-8, at most MAX_CANDIDATES_TEXT_BYTES. */
export async function uploadCandidatesCsvAction(formData: FormData) {
  return userAction(async ({ user, requestId }) => {
    // Anyone can call an action with any arguments (a JSON list, null, a string): only a form is one.
    if (!(formData instanceof FormData)) throw new AppError("BAD_REQUEST", "Choose a CSV file to upload.");
    const interviewId = formData.get("interviewId");
    const file = formData.get("file");
    if (!(file instanceof Blob) || file.size === 0) throw new AppError("BAD_REQUEST", "Choose a CSV file to upload.");
    if (file.size > MAX_CANDIDATES_TEXT_BYTES) throw tooLarge();
    const bytes = new Uint8Array(await file.arrayBuffer());
    if (bytes.byteLength > MAX_CANDIDATES_TEXT_BYTES) throw tooLarge();
    return invite(user, interviewId, parseCandidates(decodeCandidatesFile(bytes), { source: "file" }), requestId);
  });
}

export async function revokeInvitationAction(invitationId: string) {
  return userAction(async ({ user, requestId }) => revokeInvitation({ actor: user, invitationId, requestId }));
}

export async function resendInvitationAction(invitationId: string) {
  return userAction(async ({ user, requestId }) => resendInvitation({ actor: user, invitationId, requestId }));
}
