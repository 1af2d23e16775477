// Money and time as people read them. Amounts arrive in hundredths (`*_cents`, also for
// currencies such as KRW that print no decimals); Intl prints each currency's own precision.

export function formatMoney(cents, currency, locale = undefined) {
  const f = new Intl.NumberFormat(locale, { style: "currency", currency: currency || "USD" });
  return f.format(cents / 100);
}

/** "4:07" for a countdown; "0:00" once past. */
export function formatCountdown(ms) {
  const s = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}
