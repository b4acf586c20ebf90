import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { ApiRequestError } from "./api/client";
import { App } from "./app";
import { appStylesReady } from "./app-styles";
import { AuthProvider } from "./hooks/use-auth";
import { i18nReady } from "./i18n";
import { startPwa } from "./pwa";
import { warmStart } from "./warm-start";
import "./styles/index.css";

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      // a 4xx will not get better by asking again
      retry: (count, err) => !(err instanceof ApiRequestError && err.status < 500) && count < 2,
    },
  },
});

startPwa(queryClient);
warmStart(queryClient, location.pathname);

// A visitor who chose English waits for its strings (one small chunk) before the first render, and
// everyone for the stylesheet, which no longer holds back the shell's first paint.
void Promise.all([i18nReady, appStylesReady()]).then(() =>
  createRoot(document.getElementById("root")!).render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <AuthProvider>
          <App />
        </AuthProvider>
      </QueryClientProvider>
    </StrictMode>,
  ),
);
