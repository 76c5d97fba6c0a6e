import { AppError } from "@/lib/errors";
import { route } from "@/lib/http";

// API callers get a JSON 404 rather than the HTML not-found page.
const notFound = route(async (req) => {
  throw new AppError("NOT_FOUND", `There is no API endpoint ${req.method} ${req.nextUrl.pathname}.`);
});

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
