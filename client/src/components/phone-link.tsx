import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useFamilyContacts } from "../api/direct";
import { ErrorBox } from "./ui";

/** A phone number as a `tel:` link that never wraps (a broken number cannot be dialled by eye). */
export function PhoneLink({ phone, name }: { phone: string; name: string }) {
  const { t } = useTranslation();
  return (
    <a className="tel-link" href={`tel:${phone}`} aria-label={t("contacts.call", { name, phone })}>
      {phone}
    </a>
  );
}

/**
 * A family's phone numbers behind one tap: the read is audited on the server, so it happens only
 * when a person asks to see them.
 */
export function FamilyContactsReveal({ familyId }: { familyId: string }) {
  const { t } = useTranslation();
  const [shown, setShown] = useState(false);
  const contacts = useFamilyContacts(familyId, shown);
  if (!shown)
    return (
      <button type="button" className="btn small" onClick={() => setShown(true)}>
        {t("contacts.show")}
      </button>
    );
  if (contacts.isError) return <ErrorBox error={contacts.error} retry={() => void contacts.refetch()} />;
  return (
    <ul className="plain contacts">
      {(contacts.data?.caregivers ?? []).map((c) => (
        <li key={c.id}>
          {c.displayName}
          {" · "}
          {c.phone ? (
            <PhoneLink phone={c.phone} name={c.displayName} />
          ) : (
            <span className="muted">{t("contacts.none")}</span>
          )}
        </li>
      ))}
    </ul>
  );
}
