// Query parameters of the sessions list (GET /api/v1/interviews/{id}/sessions): validated by
// the use case and described by the OpenAPI document from this one schema.
import { z } from "zod";

export const SESSION_STATUSES = ["started", "in_progress", "completed", "abandoned"] as const;
export const SESSION_PAGE = { default: 50, max: 100 } as const;

export const listSessionsQuerySchema = z.object({
  status: z.enum(SESSION_STATUSES, { error: `Filter by one of: ${SESSION_STATUSES.join(", ")}.` }).optional(),
  cursor: z
    .string({ error: "Pass the nextCursor of the previous page." })
    .max(200, "This cursor is not valid. Pass the nextCursor of the previous page.")
    .optional(),
  limit: z.coerce
    .number({ error: "Give the page size as a number." })
    .int("Give the page size as a whole number.")
    .min(1, "The page size must be at least 1.")
    .max(SESSION_PAGE.max, `The page size must be at most ${SESSION_PAGE.max}.`)
    .default(SESSION_PAGE.default),
});
export type ListSessionsQuery = z.input<typeof listSessionsQuerySchema>;
