import { useEffect } from "react";
import { useNavigate } from "react-router";
import { navigateTarget } from "./push-message";

/** Open the page a tapped notification is about (the service worker asks; see `src/sw.ts`). */
export function usePwaBridge(): void {
  const navigate = useNavigate();
  useEffect(() => {
    const sw = navigator.serviceWorker;
    if (!sw) return;
    const onMessage = (e: MessageEvent) => {
      const url = navigateTarget(e.data);
      if (url) void navigate(url);
    };
    sw.addEventListener("message", onMessage);
    return () => sw.removeEventListener("message", onMessage);
  }, [navigate]);
}
