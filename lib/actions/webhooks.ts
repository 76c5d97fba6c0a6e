"use server";

import { revalidatePath } from "next/cache";
import type { CreateWebhookInput } from "@/lib/schemas/webhook";
import { createWebhookEndpoint } from "@/lib/server/webhooks/create-webhook-endpoint";
import { deleteWebhookEndpoint } from "@/lib/server/webhooks/delete-webhook-endpoint";
import { enableWebhookEndpoint } from "@/lib/server/webhooks/enable-webhook-endpoint";
import { listWebhookDeliveries } from "@/lib/server/webhooks/list-webhook-deliveries";
import { resendWebhookDelivery } from "@/lib/server/webhooks/resend-webhook-delivery";
import { userAction } from "./safe-action";

/** Registers an endpoint; the returned `secret` is the only time it is ever shown. */
export async function createWebhookAction(input: CreateWebhookInput) {
  return userAction(async ({ user, requestId }) => {
    const created = await createWebhookEndpoint({ actor: user, input, requestId });
    revalidatePath("/settings");
    return created;
  });
}

export async function deleteWebhookAction(input: { id: string }) {
  return userAction(async ({ user, requestId }) => {
    await deleteWebhookEndpoint({ actor: user, endpointId: input?.id, requestId });
    revalidatePath("/settings");
    return null;
  });
}

export async function enableWebhookAction(input: { id: string }) {
  return userAction(async ({ user, requestId }) => {
    const endpoint = await enableWebhookEndpoint({ actor: user, endpointId: input?.id, requestId });
    revalidatePath("/settings");
    return endpoint;
  });
}

/** The endpoint's delivery log, loaded when HR opens it. */
export async function listWebhookDeliveriesAction(input: { id: string }) {
  return userAction(({ user }) => listWebhookDeliveries({ actor: user, endpointId: input?.id }));
}

export async function resendWebhookDeliveryAction(input: { endpointId: string; deliveryId: string }) {
  return userAction(({ user, requestId }) =>
    resendWebhookDelivery({ actor: user, endpointId: input?.endpointId, deliveryId: input?.deliveryId, requestId }),
  );
}
