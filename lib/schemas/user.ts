// One truth for account input: the forms, the server actions, the REST API and (later) the
// user.* events validate with these.
import { z } from "zod";
import { LOCALES } from "@/lib/i18n/config";
import { text } from "./text";

export const emailSchema = text({ error: "Enter your email address.", trim: true })
  .min(1, "Enter your email address.")
  .max(254, "That email address is too long.")
  .pipe(z.email({ error: "Enter a valid email address, like name@company.com." }))
  .transform((v) => v.toLowerCase());

// Passwords may hold any printable character, spaces and any script; control characters and
// broken Unicode (which would be hashed as U+FFFD, colliding with other passwords) may not.
export const passwordSchema = text({ error: "Enter a password." })
  .min(10, "Use at least 10 characters.")
  .max(200, "Use at most 200 characters.");

export const fullNameSchema = text({ error: "Enter your full name.", trim: true })
  .min(1, "Enter your full name.")
  .max(100, "Keep your name under 100 characters.");

export const companyNameSchema = text({ trim: true })
  .max(120, "Keep the company name under 120 characters.")
  .transform((v) => (v === "" ? null : v));

export const signUpSchema = z.object({
  fullName: fullNameSchema,
  companyName: companyNameSchema.optional().default(""),
  email: emailSchema,
  password: passwordSchema,
});
export type SignUpInput = z.input<typeof signUpSchema>;

export const signInSchema = z.object({
  email: emailSchema,
  password: text({ error: "Enter your password." }).min(1, "Enter your password.").max(200),
});

export const updateProfileSchema = z
  .object({
    fullName: fullNameSchema.optional(),
    companyName: companyNameSchema.nullable().optional(),
  })
  .strict();
export type UpdateProfileInput = z.input<typeof updateProfileSchema>;

export const deleteAccountSchema = z.object({
  confirmEmail: text({ error: "Type your email address to confirm.", trim: true })
    .toLowerCase().min(1, "Type your email address to confirm."),
});

/** The dashboard's language (users.locale), set on the settings page. */
export const localeSchema = z.enum(LOCALES, { error: "Choose English or Russian." });
export const updateLocaleSchema = z.strictObject({ locale: localeSchema });
export type UpdateLocaleInput = z.input<typeof updateLocaleSchema>;

/** When HR is emailed about finished candidates and analyses (users.notify_hr). */
export const NOTIFY_HR_OPTIONS = ["immediately", "digest", "off"] as const;
export type NotifyHr = (typeof NOTIFY_HR_OPTIONS)[number];
export const NOTIFY_HR_DEFAULT: NotifyHr = "immediately";
export const notifyHrSchema = z.enum(NOTIFY_HR_OPTIONS, { error: "Choose immediately, a daily digest or off." });
export const updateNotifyHrSchema = z.strictObject({ notifyHr: notifyHrSchema });
export type UpdateNotifyHrInput = z.input<typeof updateNotifyHrSchema>;

export function isNotifyHr(value: unknown): value is NotifyHr {
  return typeof value === "string" && (NOTIFY_HR_OPTIONS as readonly string[]).includes(value);
}

export const AVATAR_TYPES = ["image/png", "image/jpeg", "image/webp", "image/gif"] as const;
export type AvatarType = (typeof AVATAR_TYPES)[number];
