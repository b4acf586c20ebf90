import type { Activity } from "@carecircle/shared";
import { useActivityWhen } from "./activity-words";

/** The date first, then the time span, which never breaks across lines. */
export function When({ a }: { a: Activity }) {
  const { day, span } = useActivityWhen()(a);
  return (
    <strong>
      {day} <span className="when-span">{span}</span>
    </strong>
  );
}
