import { useSyncExternalStore } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

interface Toast {
  id: number;
  text: string;
  /** Where tapping the toast goes (the message, the booking, the alert...). */
  to?: string | undefined;
}

const SHOW_MS = 6000;
let toasts: Toast[] = [];
let nextId = 1;
const listeners = new Set<() => void>();
const emit = () => {
  for (const l of listeners) l();
};

function dismiss(id: number) {
  toasts = toasts.filter((x) => x.id !== id);
  emit();
}

/** Show a short message for a few seconds; with `to`, tapping it opens what it is about. */
export function showToast(text: string, to?: string) {
  const id = nextId++;
  toasts = [...toasts, { id, text, to }].slice(-3);
  emit();
  setTimeout(() => dismiss(id), SHOW_MS);
}

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
            </Link>
          ) : (
            <p>{x.text}</p>
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
