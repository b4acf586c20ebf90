import { type ReactNode, useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";

/**
 * An "add" form behind its button: the staffing page shows what there is first, and a form opens
 * on demand (with every form open, a two-person station's page was about 3,400 px long on a
 * phone). Opening moves focus to the form's first field; the form gets `close` to call once it
 * saved. `name` is the button's accessible name when the visible label needs context ("for 李护士").
 */
export function AddDisclosure({
  label,
  name,
  children,
}: {
  label: string;
  name?: string;
  children: (close: () => void) => ReactNode;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const id = useId();
  const panel = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (open) panel.current?.querySelector<HTMLElement>("select, input, textarea")?.focus();
  }, [open]);
  return (
    <div className="add-disclosure">
      <button
        type="button"
        className="btn small"
        aria-expanded={open}
        aria-controls={open ? id : undefined}
        aria-label={open ? undefined : name}
        onClick={() => setOpen(!open)}
      >
        {open ? (
          t("staffing.closeForm")
        ) : (
          <>
            <span aria-hidden="true">＋ </span>
            {label}
          </>
        )}
      </button>
      {open && (
        <div id={id} ref={panel}>
          {children(() => setOpen(false))}
        </div>
      )}
    </div>
  );
}
