import localFont from "next/font/local";

// Inter, bundled from an npm package: nothing is fetched from the internet at build time. Latin
// and Cyrillic come as two faces; the font stack (app/globals.css) falls from one to the other.
// Shared by the App Router's root layout and the Pages Router's _app (the candidate pages).
export const inter = localFont({
  src: "../node_modules/@fontsource-variable/inter/files/inter-latin-wght-normal.woff2",
  variable: "--font-inter",
  weight: "100 900",
  display: "swap",
  // No metric-matched system fallback after the Latin face: it would catch Cyrillic first.
  adjustFontFallback: false,
});
export const interCyrillic = localFont({
  src: "../node_modules/@fontsource-variable/inter/files/inter-cyrillic-wght-normal.woff2",
  variable: "--font-inter-cyrillic",
  weight: "100 900",
  display: "swap",
  preload: false,
});

/** The class names that define both faces' CSS variables. */
export const fontVariables = `${inter.variable} ${interCyrillic.variable}`;
