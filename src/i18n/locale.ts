/** What a language's catalogue says about how it writes values. */
export interface LocaleInfo {
  /** BCP 47 tag for Intl, e.g. `fr-FR`. */
  readonly tag: string;
  readonly quotes: readonly [string, string];
}
