/** The first-screen sections of one locale's strings (vite-i18n-first.ts). */
declare module "virtual:i18n-first/*" {
  const strings: Record<string, unknown>;
  export default strings;
}
