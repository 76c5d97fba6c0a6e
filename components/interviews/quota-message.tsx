import Link from "next/link";
import { useTranslations } from "next-intl";

/**
 * An action's error message; when a plan limit refused it (QUOTA_EXCEEDED), with a link to
 * the usage page where the limits and the current usage are shown.
 */
export function QuotaMessage({ message, code }: { message: string; code?: string }) {
  const t = useTranslations("interviews.quota");
  return (
    <>
      {message}
      {code === "QUOTA_EXCEEDED" && (
        <>
          {" "}
          <Link href="/usage" className="font-medium underline">
            {t("seeUsage")}
          </Link>
        </>
      )}
    </>
  );
}
