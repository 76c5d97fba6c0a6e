"use server";

import { revalidatePath } from "next/cache";
import { retryDelivery } from "@/lib/server/events/retry-delivery";
import type { RetryDeliveryInput } from "@/lib/schemas/events";
import { userAction } from "./safe-action";

export async function retryDeliveryAction(input: RetryDeliveryInput) {
  return userAction(async ({ user }) => {
    const result = await retryDelivery({ actor: user, deliveryId: input?.deliveryId });
    revalidatePath(`/events/${result.eventId}`);
    return { functionId: result.functionId, maxAttempts: result.maxAttempts };
  });
}
