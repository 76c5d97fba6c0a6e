"use server";

import { revalidatePath } from "next/cache";
import type { CreateApiKeyInput } from "@/lib/schemas/api-key";
import { createApiKey } from "@/lib/server/api-keys/create-api-key";
import { revokeApiKey } from "@/lib/server/api-keys/revoke-api-key";
import { userAction } from "./safe-action";

/** Creates a key; the returned `key` is the only time it is ever shown. */
export async function createApiKeyAction(input: CreateApiKeyInput) {
  return userAction(async ({ user, requestId }) => {
    const created = await createApiKey({ actor: user, input, requestId });
    revalidatePath("/settings");
    return created;
  });
}

export async function revokeApiKeyAction(input: { id: string }) {
  return userAction(async ({ user, requestId }) => {
    const apiKey = await revokeApiKey({ actor: user, apiKeyId: input?.id, requestId });
    revalidatePath("/settings");
    return apiKey;
  });
}
