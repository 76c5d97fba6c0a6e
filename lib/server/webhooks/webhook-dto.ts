import "server-only";
import type { WebhookDelivery, WebhookEndpoint } from "@/lib/generated/prisma/client";

/** An endpoint as the settings page and the API show it: never its secret. */
export type WebhookEndpointView = {
  id: string;
  url: string;
  eventTypes: string[];
  enabled: boolean;
  /** Why it was disabled (repeated failures), or null. */
  disabledReason: string | null;
  disabledAt: string | null;
  /** Deliveries in a row that failed after every retry. */
  consecutiveFailures: number;
  createdAt: string;
};

export function toWebhookEndpointView(e: WebhookEndpoint): WebhookEndpointView {
  return {
    id: e.id,
    url: e.url,
    eventTypes: e.eventTypes,
    enabled: e.enabled,
    disabledReason: e.disabledReason,
    disabledAt: e.disabledAt?.toISOString() ?? null,
    consecutiveFailures: e.consecutiveFailures,
    createdAt: e.createdAt.toISOString(),
  };
}

/** One event sent (or being sent) to an endpoint: the delivery log's row, without the payload. */
export type WebhookDeliveryView = {
  id: string;
  /** The `webhook-id` header: the event's id, the same on every retry and resend. */
  messageId: string;
  eventType: string;
  status: "pending" | "delivered" | "failed";
  attempts: number;
  /** The last attempt's HTTP status; null when no response came. */
  responseStatus: number | null;
  error: string | null;
  durationMs: number | null;
  lastAttemptAt: string | null;
  deliveredAt: string | null;
  createdAt: string;
};

export function toWebhookDeliveryView(d: WebhookDelivery): WebhookDeliveryView {
  return {
    id: d.id,
    messageId: d.eventId,
    eventType: d.eventType,
    status: d.status as WebhookDeliveryView["status"],
    attempts: d.attempts,
    responseStatus: d.responseStatus,
    error: d.error,
    durationMs: d.durationMs,
    lastAttemptAt: d.lastAttemptAt?.toISOString() ?? null,
    deliveredAt: d.deliveredAt?.toISOString() ?? null,
    createdAt: d.createdAt.toISOString(),
  };
}
