import { type ReactNode, useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { errorText } from "./form";

/** A page: its heading gets focus on navigation so screen readers announce the new page. */
export function Page({
  title,
  lead,
  actions,
  children,
  className,
}: {
  title: string;
  /** Before the title (the chat's back arrow). */
  lead?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  /** An extra class: `chat-page` makes the page fill the screen with one scrolling log. */
  className?: string;
}) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · CareCircle`;
    ref.current?.focus({ preventScroll: true });
  }, [title]);
  return (
    <div className={className ? `page ${className}` : "page"}>
      <div className="page-head">
        {lead}
        <h1 ref={ref} tabIndex={-1}>
          {title}
        </h1>
        {actions && <div className="page-actions">{actions}</div>}
      </div>
      {children}
    </div>
  );
}

export function Loading() {
  const { t } = useTranslation();
  return (
    <p className="muted" role="status">
      {t("common.loading")}
    </p>
  );
}

export function ErrorBox({ error, retry }: { error: unknown; retry?: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="notice error" role="alert">
      <p>{errorText(error, t)}</p>
      {retry && (
        <button type="button" className="btn" onClick={retry}>
          {t("common.retry")}
        </button>
      )}
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="empty">{children}</p>;
}

/** Badge with a count (hidden when zero); the label says what is counted. */
export function CountBadge({ count, label }: { count: number; label: string }) {
  if (count <= 0) return null;
  return (
    <span className="badge">
      <span aria-hidden="true">{count > 99 ? "99+" : count}</span>
      <span className="sr-only">{label}</span>
    </span>
  );
}
