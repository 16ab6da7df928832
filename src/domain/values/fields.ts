/** The free-text fields of clients and events that share one check (length, control characters). */
export type TextField = 'company' | 'location' | 'notes' | 'reason';

/** The amounts of a contract, as the rules name them. */
export type AmountField = 'total' | 'remaining' | 'amount';
