import { useEffect } from "react";
import { useSearchParams } from "react-router";

/**
 * A link to one item of a list (`?<param>=<id>`, from a notification or a toast): once the list
 * is `ready`, scroll the element `<prefix><id>` into view and highlight it.
 */
export function useJumpTo(param: string, prefix: string, ready: boolean) {
  const [params] = useSearchParams();
  const id = params.get(param);
  useEffect(() => {
    if (!ready || !id) return;
    const el = document.getElementById(`${prefix}${id}`);
    el?.scrollIntoView({ block: "center" });
    el?.classList.add("jumped");
  }, [ready, id, prefix]);
}
