import { Fragment } from "react";

/**
 * Phone numbers in a help text: 3 to 5 digit hotlines (120, 110, 12356) and dashed or long
 * numbers (400-161-9995, 010-82951332, 13800001234). Not part of a longer run of digits.
 */
const PHONE = /(?<![\d-])(\d{3,4}(?:-\d{3,8}){1,2}|\d{3,5}|1\d{10}|0\d{9,11})(?![\d-])/g;

/** Split `text` into plain parts and phone numbers (odd indexes are numbers). */
export function splitPhones(text: string): string[] {
  return text.split(PHONE);
}

/**
 * Help text (hotlines) with every phone number a `tel:` link that never wraps, so one tap on a
 * cheap phone dials it; line breaks are kept.
 */
export function HelpText({ text, className = "pre" }: { text: string; className?: string }) {
  return (
    <p className={className}>
      {splitPhones(text).map((part, i) =>
        i % 2 === 1 ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: parts of one immutable string
          <a key={i} className="tel" href={`tel:${part.replace(/-/g, "")}`}>
            {part}
          </a>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: parts of one immutable string
          <Fragment key={i}>{part}</Fragment>
        ),
      )}
    </p>
  );
}
