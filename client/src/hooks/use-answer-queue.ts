import { useCallback, useEffect, useRef, useState } from "react";
import { NetworkError } from "../api/client";
import { putAnswer } from "../api/scales";

/** What the fill page says about saving: nothing yet, sending, all kept, or waiting for the network. */
export type SaveState = "idle" | "saving" | "saved" | "offline" | "refused";

type Pending = Record<string, unknown>;
const storeKey = (id: string) => `cc.scale-answers.${id}`;
/** While offline, try again this often even if the browser never says it is back online. */
const RETRY_MS = 10_000;

function load(id: string): Pending {
  try {
    return JSON.parse(localStorage.getItem(storeKey(id)) ?? "{}") as Pending;
  } catch {
    return {};
  }
}

function store(id: string, pending: Pending): void {
  if (Object.keys(pending).length === 0) localStorage.removeItem(storeKey(id));
  else localStorage.setItem(storeKey(id), JSON.stringify(pending));
}

/** Drop `itemId` from the queue if it still holds `answer` (a newer answer stays to be sent). */
function settle(id: string, itemId: string, answer: unknown): void {
  const now = load(id);
  if (JSON.stringify(now[itemId]) === JSON.stringify(answer)) {
    delete now[itemId];
    store(id, now);
  }
}

/**
 * Answers saved as she goes (docs/decisions/126): each answer is put in a queue kept in
 * localStorage and sent at once; what the network refused stays queued and is sent again when
 * the browser is back online (or every 10 s), so a dropped connection or a reload loses nothing.
 * The server keeps the last answer per item, so sending one twice is harmless.
 */
export function useAnswerQueue(administrationId: string) {
  const [pending, setPending] = useState<Pending>(() => load(administrationId));
  const [state, setState] = useState<SaveState>("idle");
  const flushing = useRef(false);

  const flush = useCallback(async () => {
    if (flushing.current) return;
    flushing.current = true;
    try {
      for (
        let next = Object.entries(load(administrationId))[0];
        next;
        next = Object.entries(load(administrationId))[0]
      ) {
        const [itemId, answer] = next;
        setState("saving");
        try {
          await putAnswer(administrationId, itemId, answer);
        } catch (err) {
          if (err instanceof NetworkError) {
            setState("offline");
            return;
          }
          // Refused (no longer in progress, or an answer the server does not accept): not retried.
          settle(administrationId, itemId, answer);
          setPending(load(administrationId));
          setState("refused");
          return;
        }
        settle(administrationId, itemId, answer);
        setPending(load(administrationId));
        setState("saved");
      }
    } finally {
      flushing.current = false;
    }
  }, [administrationId]);

  useEffect(() => {
    void flush();
    const onOnline = () => void flush();
    window.addEventListener("online", onOnline);
    const timer = window.setInterval(() => {
      if (Object.keys(load(administrationId)).length > 0) void flush();
    }, RETRY_MS);
    return () => {
      window.removeEventListener("online", onOnline);
      window.clearInterval(timer);
    };
  }, [administrationId, flush]);

  /** Queue one answer and send it now. */
  const answer = useCallback(
    (itemId: string, value: unknown) => {
      const next = { ...load(administrationId), [itemId]: value };
      store(administrationId, next);
      setPending(next);
      void flush();
    },
    [administrationId, flush],
  );

  return { pending, state, answer, flush };
}
