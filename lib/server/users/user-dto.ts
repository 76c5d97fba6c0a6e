import type { User } from "@/lib/generated/prisma/client";
import { isNotifyHr, NOTIFY_HR_DEFAULT, type NotifyHr } from "@/lib/schemas/user";

/** What the app shows of an account: never the password hash. */
export type AccountView = {
  id: string;
  email: string;
  fullName: string;
  companyName: string | null;
  avatarUrl: string | null;
  hasPassword: boolean;
  sso: boolean;
  storageUsed: number;
  interviewsCreated: number;
  createdAt: string;
  /** When HR is emailed about finished candidates and analyses: immediately | digest | off. */
  notifyHr: NotifyHr;
  /** Days after an interview closes before candidates' media and personal data are erased; null: kept. */
  retentionDays: number | null;
};

export function toAccountView(u: User): AccountView {
  return {
    id: u.id,
    email: u.email,
    fullName: u.fullName,
    companyName: u.companyName,
    avatarUrl: u.avatarUrl,
    hasPassword: Boolean(u.passwordHash),
    sso: Boolean(u.keycloakId),
    storageUsed: Number(u.storageUsed),
    interviewsCreated: u.interviewsCreated,
    createdAt: u.createdAt.toISOString(),
    notifyHr: isNotifyHr(u.notifyHr) ? u.notifyHr : NOTIFY_HR_DEFAULT,
    retentionDays: u.retentionDays,
  };
}
