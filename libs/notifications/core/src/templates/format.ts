/**
 * An amount in minor units as "<CURRENCY> <major>.<minor>", e.g. 1250 EUR → "EUR 12.50",
 * 1500 JPY → "JPY 1,500". Integer arithmetic only; the currency's exponent comes from Intl.
 */
export function formatMoney(minorUnits: number, currency: string): string {
  const digits = currencyDigits(currency);
  const scale = 10 ** digits;
  const sign = minorUnits < 0 ? '-' : '';
  const abs = Math.abs(minorUnits);
  const major = Math.floor(abs / scale).toLocaleString('en-US');
  const minor = digits > 0 ? `.${String(abs % scale).padStart(digits, '0')}` : '';
  return `${currency} ${sign}${major}${minor}`;
}

/** Building an Intl.NumberFormat costs more than rendering a whole e-mail: once per currency is enough. */
const digitsByCurrency = new Map<string, number>();

function currencyDigits(currency: string): number {
  let digits = digitsByCurrency.get(currency);
  if (digits === undefined) {
    try {
      digits = new Intl.NumberFormat('en-US', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    } catch {
      digits = 2; // not a well-formed ISO 4217 code: assume cents
    }
    // Bounded: currency codes come from events, and only well-formed ones are worth remembering.
    if (digitsByCurrency.size < 1_000) digitsByCurrency.set(currency, digits);
  }
  return digits;
}

/** A timestamp as "2026-01-02 03:04 UTC": unambiguous whatever the reader's time zone. */
export function formatUtc(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
