"use server";

// Data protection from the dashboard: a candidate's erasure on the review page, and the
// account's retention period on the settings page. The use cases check ownership (404 for
// anyone else's session) and validate; the pages then re-read.
import { revalidatePath } from "next/cache";
import { eraseCandidate } from "@/lib/server/retention/erase-candidate";
import { updateRetention } from "@/lib/server/retention/update-retention";
import type { UpdateRetentionInput } from "@/lib/schemas/retention";
import { userAction } from "./safe-action";

export async function eraseCandidateAction(sessionId: string) {
  return userAction(async ({ user, requestId }) => {
    const erasure = await eraseCandidate({ actor: user, sessionId, requestId });
    revalidatePath("/interviews", "layout");
    return { erasedAt: erasure.erasedAt, filesDeleted: erasure.filesDeleted };
  });
}

export async function updateRetentionAction(input: UpdateRetentionInput) {
  return userAction(async ({ user, requestId }) => {
    const result = await updateRetention({ actor: user, input, requestId });
    revalidatePath("/settings");
    return result;
  });
}
