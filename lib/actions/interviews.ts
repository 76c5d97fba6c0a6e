"use server";

// The dashboard's interview writes. Each one authenticates (userAction), calls its use case
// (which checks ownership, validates with lib/schemas/interview.ts and answers 404 for anyone
// else's interview) and refreshes the pages that show the result. Ids and bodies come from the
// browser: they are passed on untyped for the use cases to check, never trusted here.
import { revalidatePath } from "next/cache";
import type { CreateInterviewInput, UpdateInterviewInput } from "@/lib/schemas/interview";
import { closeInterview } from "@/lib/server/interviews/close-interview";
import { createInterview } from "@/lib/server/interviews/create-interview";
import { deleteInterview } from "@/lib/server/interviews/delete-interview";
import { duplicateInterview } from "@/lib/server/interviews/duplicate-interview";
import { extendDeadline } from "@/lib/server/interviews/extend-deadline";
import { publishInterview } from "@/lib/server/interviews/publish-interview";
import { updateInterview } from "@/lib/server/interviews/update-interview";
import { userAction } from "./safe-action";

function refresh(interviewId?: string) {
  revalidatePath("/interviews");
  revalidatePath("/dashboard");
  revalidatePath("/usage");
  if (interviewId) revalidatePath(`/interviews/${interviewId}`);
}

export async function createInterviewAction(input: CreateInterviewInput) {
  return userAction(async ({ user, requestId }) => {
    const interview = await createInterview({ actor: user, input, requestId });
    refresh(interview.id);
    return { id: interview.id };
  });
}

export async function updateInterviewAction(interviewId: string, input: UpdateInterviewInput) {
  return userAction(async ({ user, requestId }) => {
    const interview = await updateInterview({ actor: user, interviewId, input, requestId });
    refresh(interview.id);
    return { id: interview.id, version: interview.version };
  });
}

export async function duplicateInterviewAction(interviewId: string) {
  return userAction(async ({ user, requestId }) => {
    const copy = await duplicateInterview({ actor: user, interviewId, requestId });
    refresh(copy.id);
    return { id: copy.id };
  });
}

export async function deleteInterviewAction(interviewId: string) {
  return userAction(async ({ user, requestId }) => {
    await deleteInterview({ actor: user, interviewId, requestId });
    refresh(interviewId);
    return { deleted: true };
  });
}

export async function publishInterviewAction(interviewId: string) {
  return userAction(async ({ user, requestId }) => {
    const { publicLink, expiresAt } = await publishInterview({ actor: user, interviewId, requestId });
    refresh(interviewId);
    return { publicLink, expiresAt };
  });
}

export async function closeInterviewAction(interviewId: string) {
  return userAction(async ({ user, requestId }) => {
    // "completed" at once when nobody was in progress.
    const { status } = await closeInterview({ actor: user, interviewId, requestId });
    refresh(interviewId);
    return { status };
  });
}

export async function extendDeadlineAction(interviewId: string, input: { deadline: string }) {
  return userAction(async ({ user, requestId }) => {
    await extendDeadline({ actor: user, interviewId, input, requestId });
    refresh(interviewId);
    return { extended: true };
  });
}
