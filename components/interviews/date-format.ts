import type { DateTimeFormatOptions } from "next-intl";

/**
 * Deadlines and other exact moments: the time zone is named, because the dashboard renders in
 * the request configuration's zone (UTC) while the editor's inputs use the browser's.
 */
export const MOMENT: DateTimeFormatOptions = {
  year: "numeric",
  month: "short",
  day: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  timeZoneName: "short",
};
