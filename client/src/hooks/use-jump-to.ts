import { useEffect } from "react";
import { useSearchParams } from "react-router";
import { chatStore } from "../realtime/chat-store";

/**
 * A link to one item of a list (`?<param>=<id>`, from a notification or a toast): once the list
 * is `ready`, scroll the element `<prefix><id>` into view and highlight it.
 */
export function useJumpTo(param: string, prefix: string, ready: boolean) {
  const [params] = useSearchParams();
  const id = params.get(param);
  useEffect(() => {
    if (!ready || !id) return;
    revealElement(`${prefix}${id}`);
  }, [ready, id, prefix]);
}

/** Scroll one element to the middle of the screen and highlight it (a link to it was opened). */
function revealElement(id: string): void {
  const el = document.getElementById(id);
  el?.scrollIntoView({ block: "center" });
  el?.classList.add("jumped");
}

/**
 * `?at=<seq>` (a link from a report, an alert or a notification): load back to that message,
 * scroll it into view and highlight it, and stop following the newest message meanwhile.
 */
export function useJumpToMessage(groupId: string, loaded: boolean, stickToBottom: { current: boolean }) {
  const [params] = useSearchParams();
  const at = Number(params.get("at"));
  useEffect(() => {
    if (!loaded || !Number.isInteger(at) || at <= 0) return;
    let gone = false;
    void chatStore.reveal(groupId, at).then((found) => {
      if (gone || !found) return;
      stickToBottom.current = false;
      requestAnimationFrame(() => revealElement(`msg-${at}`));
    });
    return () => {
      gone = true;
    };
  }, [groupId, loaded, at, stickToBottom]);
}
