import { useFormatter, useTranslations } from "next-intl";
import { Card, CardHeader } from "@/components/ui/card";
import { emailPreviewDocument } from "@/lib/emails/preview-document";
import type { MailboxEmail } from "@/lib/server/notifications/mailbox-dto";
import { EmailStatus, useTemplateLabel } from "./email-status";

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid gap-0.5 sm:grid-cols-[10rem_minmax(0,1fr)] sm:gap-4">
      <dt className="text-sm text-slate-500">{label}</dt>
      <dd className="text-sm break-words text-slate-900">{children}</dd>
    </div>
  );
}

/** The headers of one email. */
export function EmailHeaders({ email, from }: { email: MailboxEmail; from: string }) {
  const t = useTranslations("mailbox");
  const format = useFormatter();
  const templateLabel = useTemplateLabel();
  const provider = email.provider;
  const providerName =
    provider === "outbox" || provider === "resend" || provider === "smtp" ? t(`detail.providers.${provider}`) : (provider ?? t("detail.providerNone"));
  return (
    <Card>
      <dl className="space-y-3">
        <Row label={t("detail.from")}>{from}</Row>
        <Row label={t("detail.to")}>
          <span className="break-all">{email.to}</span>
        </Row>
        <Row label={t("template")}>{templateLabel(email.template)}</Row>
        <Row label={t("status")}>
          <span className="flex flex-wrap items-center gap-2">
            <EmailStatus status={email.status} />
            {email.attempts > 0 && <span className="text-xs text-slate-500">{t("attempts", { count: email.attempts })}</span>}
          </span>
        </Row>
        {email.error && email.status !== "sent" && (
          <Row label={t("detail.error")}>
            <span className="text-red-700">{email.error}</span>
            {email.status === "queued" && <span className="mt-1 block text-slate-600">{t("detail.retrying")}</span>}
          </Row>
        )}
        <Row label={t("detail.created")}>
          <time dateTime={email.createdAt.toISOString()}>{format.dateTime(email.createdAt, "long")}</time>
        </Row>
        <Row label={t("detail.sentAt")}>
          {email.sentAt ? <time dateTime={email.sentAt.toISOString()}>{format.dateTime(email.sentAt, "long")}</time> : t("detail.notSent")}
        </Row>
        <Row label={t("detail.provider")}>{providerName}</Row>
        {email.providerMessageId && email.provider !== "outbox" && (
          <Row label={t("detail.messageId")}>
            <span className="font-mono text-xs break-all">{email.providerMessageId}</span>
          </Row>
        )}
      </dl>
    </Card>
  );
}

/**
 * The HTML in a sandboxed frame: no scripts, no same-origin access; links open in a new tab
 * (allow-popups, and allow-popups-to-escape-sandbox so the opened page is an ordinary one).
 */
export function EmailBody({ email }: { email: MailboxEmail }) {
  const t = useTranslations("mailbox");
  return (
    <>
      <Card className="p-0 sm:p-0">
        <div className="px-4 pt-5 sm:px-6">
          <CardHeader title={t("detail.html")} description={email.html ? t("detail.linksHint") : t("detail.noHtml")} />
        </div>
        {email.html && (
          <iframe
            title={t("detail.htmlFrame")}
            srcDoc={emailPreviewDocument(email.html)}
            sandbox="allow-popups allow-popups-to-escape-sandbox"
            referrerPolicy="no-referrer"
            className="h-[70vh] min-h-96 w-full rounded-b-2xl border-t border-slate-200 bg-white"
            data-testid="email-html"
          />
        )}
      </Card>
      <Card>
        <CardHeader title={t("detail.text")} />
        <pre className="overflow-x-auto text-sm leading-6 break-words whitespace-pre-wrap text-slate-800" data-testid="email-text">
          {email.text}
        </pre>
      </Card>
    </>
  );
}
