/**
 * Values as a person of one locale reads them, through `Intl` (no library):
 * amounts with the currency, instants in the local time zone, numbers, lists,
 * quotations, plurals. Every message of the catalogue that shows a value
 * formats it here, so a French reader sees `12 000,00 €` and `mer. 10 mars
 * 2027, 11:00` wherever an amount or a date appears. `--json` never goes
 * through this: its values stay ISO 8601 UTC and `"1500.50"`.
 */

export interface FormatOptions {
  /** A BCP 47 locale, e.g. `fr-FR`, `en-GB`. */
  readonly locale: string;
  /** ISO 4217 code shown with amounts (EPIC_CURRENCY). */
  readonly currency: string;
  /** IANA time zone; default the process's (`TZ`). */
  readonly timeZone?: string;
  /** Opening and closing quotation marks: `« »` in French (with no-break spaces), `“ ”` in English. */
  readonly quotes: readonly [string, string];
  /** The clock, for relative dates. */
  readonly now?: () => Date;
}

export interface Format {
  readonly locale: string;
  /** The IANA zone instants are shown in; undefined: the process's (TZ). Typed date-times are read in it too. */
  readonly timeZone: string | undefined;
  /** Integer cents → `12 000,00 €` / `€12,000.00`. */
  money(cents: number): string;
  /** An instant → `mer. 10 mars 2027, 11:00` / `Wed, Mar 10, 2027, 11:00 AM`, in the local time zone. */
  dateTime(iso: string): string;
  /** A day → `10 mars 2027`. */
  date(iso: string): string;
  /** `dans 3 jours`, `il y a 2 heures`, `demain`. */
  relative(iso: string): string;
  number(value: number): string;
  /** `a, b et c` / `a, b, and c`. */
  list(items: readonly string[]): string;
  /** `a, b ou c` / `a, b, or c`: one of them. */
  alternatives(items: readonly string[]): string;
  /** Quotes a value: `« Salon 2027 »` / `“Salon 2027”`. */
  quote(text: string): string;
  /** The form of `forms` that goes with `count` in this language (`one` covers 0 and 1 in French). */
  plural(count: number, forms: { readonly one: string; readonly other: string }): string;
}

export function createFormat(options: FormatOptions): Format {
  const { locale, currency, quotes } = options;
  const timeZone = options.timeZone;
  const now = options.now ?? (() => new Date());
  const zone = timeZone === undefined ? {} : { timeZone };
  // Formatters are built on first use: most commands format nothing, or one kind of value.
  let money: Intl.NumberFormat | undefined;
  let dateTime: Intl.DateTimeFormat | undefined;
  let date: Intl.DateTimeFormat | undefined;
  let relative: Intl.RelativeTimeFormat | undefined;
  let numbers: Intl.NumberFormat | undefined;
  let lists: Intl.ListFormat | undefined;
  let disjunctions: Intl.ListFormat | undefined;
  let plurals: Intl.PluralRules | undefined;
  return {
    locale,
    timeZone,
    money(cents) {
      money ??= new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: 2, maximumFractionDigits: 2 });
      // Integer cents divided once: exact for every amount the store holds (< 2^53 cents).
      return money.format(cents / 100);
    },
    dateTime(iso) {
      dateTime ??= new Intl.DateTimeFormat(locale, {
        weekday: 'short',
        day: 'numeric',
        month: 'short',
        year: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
        ...zone,
      });
      return dateTime.format(new Date(iso));
    },
    date(iso) {
      date ??= new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', ...zone });
      return date.format(new Date(iso));
    },
    relative(iso) {
      relative ??= new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
      const seconds = (Date.parse(iso) - now().getTime()) / 1000;
      const [value, unit] = relativeUnit(seconds);
      return relative.format(value, unit);
    },
    number(value) {
      numbers ??= new Intl.NumberFormat(locale);
      return numbers.format(value);
    },
    list(items) {
      lists ??= new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' });
      return lists.format(items);
    },
    alternatives(items) {
      disjunctions ??= new Intl.ListFormat(locale, { style: 'long', type: 'disjunction' });
      return disjunctions.format(items);
    },
    quote(text) {
      return `${quotes[0]}${text}${quotes[1]}`;
    },
    plural(count, forms) {
      plurals ??= new Intl.PluralRules(locale);
      return plurals.select(count) === 'one' ? forms.one : forms.other;
    },
  };
}

/** The largest unit that keeps the value at least 1 (rounded), as `Intl.RelativeTimeFormat` takes it. */
function relativeUnit(seconds: number): [number, Intl.RelativeTimeFormatUnit] {
  const abs = Math.abs(seconds);
  const steps: [number, Intl.RelativeTimeFormatUnit][] = [
    [365 * 86400, 'year'],
    [30 * 86400, 'month'],
    [7 * 86400, 'week'],
    [86400, 'day'],
    [3600, 'hour'],
    [60, 'minute'],
  ];
  for (const [size, unit] of steps) if (abs >= size) return [Math.round(seconds / size), unit];
  return [Math.round(seconds), 'second'];
}
