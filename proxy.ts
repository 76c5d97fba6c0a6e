import { NextResponse, type NextRequest } from "next/server";

// Tells server components which URL was asked for, so a signed-out visitor sent to the
// sign-in page comes back to that very page (layouts cannot see the path otherwise).
export function proxy(req: NextRequest) {
  const headers = new Headers(req.headers);
  headers.set("x-pathname", `${req.nextUrl.pathname}${req.nextUrl.search}`);
  return NextResponse.next({ request: { headers } });
}

export const config = {
  matcher: ["/((?!api/|_next/static|_next/image|favicon.ico).*)"],
};
