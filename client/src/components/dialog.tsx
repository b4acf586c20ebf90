import { type ReactNode, useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";

/**
 * A modal dialog (native <dialog>: focus is trapped and Escape closes it). `closeButton: false`
 * when the content ends in its own "keep" button, so a question never offers two ways to say no.
 */
export function Dialog({
  title,
  open,
  onClose,
  children,
  closeButton = true,
}: {
  title: string;
  open: boolean;
  onClose(): void;
  children: ReactNode;
  closeButton?: boolean;
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog ref={ref} className="dialog" aria-labelledby="dialog-title" onClose={onClose}>
      {open && (
        <>
          <h2 id="dialog-title">{title}</h2>
          {children}
          {closeButton && (
            <button type="button" className="btn small dialog-x" onClick={onClose}>
              {t("common.close")}
            </button>
          )}
        </>
      )}
    </dialog>
  );
}
