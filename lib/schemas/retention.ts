import { z } from "zod";

/** The longest retention period an account may choose (ten years), as the catalog's user.updated allows. */
export const MAX_RETENTION_DAYS = 3650;

/**
 * Days after an interview closes before its candidates' media and personal data are erased
 * (users.retention_days); null keeps them.
 */
export const retentionDaysSchema = z
  .number({ error: "Enter a whole number of days." })
  .int("Enter a whole number of days.")
  .min(1, "Enter at least 1 day.")
  .max(MAX_RETENTION_DAYS, `Enter at most ${MAX_RETENTION_DAYS} days.`)
  .nullable();

export const updateRetentionSchema = z.strictObject({ retentionDays: retentionDaysSchema });
export type UpdateRetentionInput = z.input<typeof updateRetentionSchema>;
