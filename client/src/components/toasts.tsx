import { useSyncExternalStore } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

interface Toast {
  id: number;
  text: string;
  /** Where tapping the toast goes (the message, the booking, the alert...). */
  to?: string | undefined;
  /** How many times the same news arrived while it was shown (a weekly series: one per week). */
  count: number;
}

const SHOW_MS = 6000;
let toasts: Toast[] = [];
let nextId = 1;
const listeners = new Set<() => void>();
const emit = () => {
  for (const l of listeners) l();
};

function dismiss(id: number) {
  delete stamps[id];
  toasts = toasts.filter((x) => x.id !== id);
  emit();
}

/**
 * Show a short message for a few seconds; with `to`, tapping it opens what it is about. The same
 * words again while they are shown count on the one toast ("（共 3 条）") instead of stacking; it then
 * opens the page the several links share (`/bookings?booking=a`, `=b` -> `/bookings`).
 */
export function showToast(text: string, to?: string) {
  const same = toasts.find((x) => x.text === text);
  const id = same?.id ?? nextId++;
  if (same) {
    const shared =
      same.to === to ? to : to?.split("?")[0] === same.to?.split("?")[0] ? to?.split("?")[0] : undefined;
    toasts = toasts.map((x) => (x === same ? { ...x, to: shared, count: x.count + 1 } : x));
  } else toasts = [...toasts, { id, text, to, count: 1 }].slice(-3);
  emit();
  const shown = ++showings;
  stamps[id] = shown;
  setTimeout(() => {
    if (stamps[id] === shown) dismiss(id);
  }, SHOW_MS);
}
/** Which showing of each toast is the latest (a repeat keeps it up for another `SHOW_MS`). */
const stamps: Record<number, number> = {};
let showings = 0;

/** Drop every toast now (a crisis help card for the author has the screen to itself). */
export function clearToasts() {
  if (toasts.length === 0) return;
  toasts = [];
  emit();
}

export function useToast() {
  return showToast;
}

/**
 * Where toasts appear: at the bottom of the screen, so a crisis banner at the top is never
 * covered; announced politely; each can be closed, and a toast about something opens it.
 */
export function Toasts() {
  const { t } = useTranslation();
  const list = useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => toasts,
  );
  return (
    <div className="toasts" role="status" aria-live="polite">
      {list.map((x) => (
        <div key={x.id} className="toast">
          {x.to ? (
            <Link to={x.to} className="toast-link" onClick={() => dismiss(x.id)}>
              {x.text}
              <ToastCount n={x.count} />
            </Link>
          ) : (
            <p>
              {x.text}
              <ToastCount n={x.count} />
            </p>
          )}
          <button type="button" className="toast-close" onClick={() => dismiss(x.id)}>
            <span aria-hidden="true">×</span>
            <span className="sr-only">{t("common.close")}</span>
          </button>
        </div>
      ))}
    </div>
  );
}

/** "（共 3 条）" after news that arrived three times: words a grandmother reads, not a sign. */
function ToastCount({ n }: { n: number }) {
  const { t } = useTranslation();
  if (n < 2) return null;
  return <span className="toast-count">{t("common.timesInBrackets", { n })}</span>;
}
