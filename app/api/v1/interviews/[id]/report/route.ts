import { NextResponse } from "next/server";
import { requireApiActor } from "@/lib/auth/api-auth";
import { queryOf, type IdParams } from "@/lib/api/v1";
import { AppError, fieldErrorsOf } from "@/lib/errors";
import { route } from "@/lib/http";
import { reportQuerySchema } from "@/lib/schemas/report";
import { getReport } from "@/lib/server/reports/get-report";
import { attachment, reportCsv, reportFileName } from "@/lib/server/reports/report-csv";
import { reportPdf } from "@/lib/server/reports/report-pdf";

/** The interview's report: JSON, or ?format=csv / ?format=pdf as a download. */
export const GET = route<IdParams>(async (req, { params }) => {
  const actor = await requireApiActor(req);
  const query = reportQuerySchema.safeParse(queryOf(req));
  if (!query.success) throw new AppError("BAD_REQUEST", "Unknown format: use format=json, csv or pdf.", fieldErrorsOf(query.error));
  const report = await getReport({ actor, interviewId: (await params).id });
  const headers = { "cache-control": "private, no-store" };
  if (query.data.format === "json") return NextResponse.json(report, { headers });
  if (query.data.format === "csv") {
    return new Response(reportCsv(report), {
      headers: { ...headers, "content-type": "text/csv; charset=utf-8", "content-disposition": attachment(reportFileName(report, "csv")) },
    });
  }
  const pdf = await reportPdf(report, actor.locale);
  return new Response(new Uint8Array(pdf), {
    headers: { ...headers, "content-type": "application/pdf", "content-disposition": attachment(reportFileName(report, "pdf")) },
  });
});
