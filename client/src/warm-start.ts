import type { QueryClient } from "@tanstack/react-query";
import { prefetchGroupChat } from "./api/chat";
import { getSession } from "./api/session";
import { allStrings } from "./i18n";
import { holdUntilDrawn } from "./idle";
import { prefetchNewestPage } from "./realtime/chat-sync";

type AppLayoutModule = typeof import("./components/app-layout");
let appLayout: Promise<AppLayoutModule> | undefined;

/**
 * The signed-in frame's code (header, menu, live updates) and every string of the language (the
 * entry has only the sign-in page's), fetched once, by whoever asks first.
 */
export function loadAppLayout(): Promise<AppLayoutModule> {
  appLayout ??= Promise.all([import("./components/app-layout"), allStrings()]).then(([m]) => m);
  return appLayout;
}

/** Pages a signed-in user often opens the app on, and what to start for each (decision 119). */
const LANDINGS: { path: RegExp; start(qc: QueryClient, id: string): void }[] = [
  {
    path: /^\/groups\/([0-9a-f-]{36})$/,
    start(qc, id) {
      holdUntilDrawn();
      void import("./routes/group-chat");
      prefetchGroupChat(qc, id);
      prefetchNewestPage(id);
    },
  },
];

/**
 * On a signed-in load, start the signed-in frame's code and the landing page's code and data
 * while the app's own code is still being evaluated, instead of one after the other once React
 * has rendered (the sign-in page needs none of it, so a visitor who is signed out loads none).
 */
export function warmStart(qc: QueryClient, pathname: string): void {
  if (!getSession()) return;
  void loadAppLayout();
  for (const landing of LANDINGS) {
    const m = landing.path.exec(pathname);
    if (m) landing.start(qc, m[1]!);
  }
}
