import { useSyncExternalStore } from "react";

interface Toast {
  id: number;
  text: string;
}

let toasts: Toast[] = [];
let nextId = 1;
const listeners = new Set<() => void>();
const emit = () => {
  for (const l of listeners) l();
};

/** Show a short message for a few seconds. */
export function showToast(text: string) {
  const id = nextId++;
  toasts = [...toasts, { id, text }].slice(-3);
  emit();
  setTimeout(() => {
    toasts = toasts.filter((x) => x.id !== id);
    emit();
  }, 6000);
}

export function useToast() {
  return showToast;
}

/** Where toasts appear; announced politely. */
export function Toasts() {
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
        <p key={x.id} className="toast">
          {x.text}
        </p>
      ))}
    </div>
  );
}
